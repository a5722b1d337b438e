package dev.snapref.conformance.kernel;

import dev.snapref.conformance.targets.Target;
import dev.snapref.conformance.targets.TargetFactory;
import dev.snapref.conformance.targets.TargetOptions;

/** Registers the `kernel` target ({@code --target kernel}) with the {@link dev.snapref.conformance.targets.TargetRegistry}. */
public final class KernelTargetFactory implements TargetFactory {
    @Override
    public String name() {
        return "kernel";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public Target create(TargetOptions options) {
        return KernelTarget.fromOptions(options);
    }
}
