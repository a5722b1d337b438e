package dev.snapref.cli;

import dev.snapref.conformance.targets.TargetOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --kernel}: the kernel the kernel target boots, a Debian kernel package name or a local
 * build folder (its bzImage and dm modules). Commands that compare kernels
 * ({@code conform}) take it several times; the others take the first.
 */
public final class KernelOptions {
    @Option(names = "--kernel", paramLabel = "KERNEL",
            description = "Kernel target: a Debian kernel package (e.g. linux-image-6.12.117+deb12-cloud-amd64-unsigned)"
                    + " or a local build folder with vmlinuz/bzImage and the dm modules (default: "
                    + "linux-image-6.1.0-56-cloud-amd64; see 'snapref kernels').")
    List<String> kernels = new ArrayList<>();

    /** Target options with the first kernel choice and the given bug switch (may be null). */
    public TargetOptions options(String bug) {
        return new TargetOptions(Optional.ofNullable(bug), kernels.isEmpty() ? Optional.empty()
                : Optional.of(kernels.get(0)));
    }

    /** Every {@code --kernel} given, in order (empty: the default kernel). */
    public List<String> all() {
        return List.copyOf(kernels);
    }
}
