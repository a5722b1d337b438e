package dev.snapref.conformance.targets;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Options that choose how a target is built: a bug switch for the engine, and for the kernel
 * target a distribution kernel package or a kernel image with its modules.
 *
 * @param bug           an engine bug switch to turn on ({@code snapref bugs}), if any
 * @param kernelPackage a Debian kernel package name for the kernel target, if any
 * @param kernelImage   a bzImage for the kernel target, if any
 * @param modulesDir    the modules directory that goes with {@code kernelImage}
 */
public record TargetOptions(Optional<String> bug, Optional<String> kernelPackage, Optional<Path> kernelImage,
                            Optional<Path> modulesDir) {
    /** No bug, the default kernel. */
    public static TargetOptions defaults() {
        return new TargetOptions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public TargetOptions withBug(String name) {
        return new TargetOptions(Optional.ofNullable(name), kernelPackage, kernelImage, modulesDir);
    }
}
