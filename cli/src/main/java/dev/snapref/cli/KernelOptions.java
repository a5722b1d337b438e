package dev.snapref.cli;

import dev.snapref.conformance.targets.TargetOptions;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options that choose the kernel the kernel target boots: a Debian package, or an image with its modules. */
public final class KernelOptions {
    @Option(names = "--kernel-package", paramLabel = "NAME", description = "Kernel target: Debian kernel package.")
    String kernelPackage;

    @Option(names = "--kernel", paramLabel = "BZIMAGE", description = "Kernel target: a kernel image.")
    Path kernelImage;

    @Option(names = "--modules", paramLabel = "DIR", description = "Kernel target: modules for --kernel.")
    Path modulesDir;

    /** Target options with these kernel choices and the given bug switch (may be null). */
    public TargetOptions options(String bug) {
        return new TargetOptions(Optional.ofNullable(bug), Optional.ofNullable(kernelPackage),
                Optional.ofNullable(kernelImage), Optional.ofNullable(modulesDir));
    }
}
