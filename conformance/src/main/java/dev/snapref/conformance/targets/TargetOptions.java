package dev.snapref.conformance.targets;

import java.util.Optional;

/**
 * Options that choose how a target is built: a bug switch for the engine, and for the kernel
 * target the kernel to boot.
 *
 * @param bug    an engine bug switch to turn on ({@code snapref bugs}), if any
 * @param kernel for the kernel target: a Debian kernel package name or a local kernel build
 *               folder ({@code --kernel}); empty for the default kernel (Linux 6.1)
 */
public record TargetOptions(Optional<String> bug, Optional<String> kernel) {
    /** No bug, the default kernel. */
    public static TargetOptions defaults() {
        return new TargetOptions(Optional.empty(), Optional.empty());
    }

    public TargetOptions withBug(String name) {
        return new TargetOptions(Optional.ofNullable(name), kernel);
    }

    /** The same options with another kernel ({@code null}: the default). */
    public TargetOptions withKernel(String spec) {
        return new TargetOptions(bug, Optional.ofNullable(spec));
    }
}
