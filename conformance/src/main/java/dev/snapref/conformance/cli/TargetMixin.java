package dev.snapref.conformance.cli;

import dev.snapref.conformance.target.Target;
import dev.snapref.conformance.target.TargetOptions;
import dev.snapref.conformance.target.TargetRegistry;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options that choose and configure one target. */
public final class TargetMixin {
    @Option(names = "--target", defaultValue = "model", paramLabel = "TARGET",
            description = "model, engine or kernel (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--bug", paramLabel = "NAME", description = "Turn on one engine bug switch (see 'snapref bugs').")
    String bug;

    @Option(names = "--kernel-package", paramLabel = "NAME", description = "Kernel target: Debian kernel package.")
    String kernelPackage;

    @Option(names = "--kernel", paramLabel = "BZIMAGE", description = "Kernel target: a kernel image.")
    Path kernelImage;

    @Option(names = "--modules", paramLabel = "DIR", description = "Kernel target: modules for --kernel.")
    Path modulesDir;

    public TargetOptions options() {
        return new TargetOptions(Optional.ofNullable(bug), Optional.ofNullable(kernelPackage),
                Optional.ofNullable(kernelImage), Optional.ofNullable(modulesDir));
    }

    /** Builds the chosen target; an unknown name is a usage error. */
    public Target create() {
        return create(name);
    }

    public Target create(String targetName) {
        try {
            return TargetRegistry.create(targetName, options());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
