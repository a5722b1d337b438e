package dev.snapref.cli;

import dev.snapref.conformance.targets.Target;
import dev.snapref.conformance.targets.TargetOptions;
import dev.snapref.conformance.targets.TargetRegistry;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options that choose and configure one target. */
public final class TargetMixin {
    @Option(names = "--target", defaultValue = "model", paramLabel = "TARGET",
            description = "model, engine or kernel (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--bug", paramLabel = "NAME", description = "Turn on one engine bug switch (see 'snapref bugs').")
    String bug;

    @Mixin
    KernelOptions kernel = new KernelOptions();

    public TargetOptions options() {
        return kernel.options(bug);
    }

    /** For commands that run one kernel: more than one {@code --kernel} is a usage error. */
    public TargetMixin oneKernel(String command) {
        if (kernel.all().size() > 1) {
            throw new UsageException(command + " takes one --kernel (conform compares kernels)");
        }
        return this;
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
