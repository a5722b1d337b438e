package dev.snapref.conformance.targets.engine;

import dev.snapref.conformance.targets.Target;
import dev.snapref.conformance.targets.TargetFactory;
import dev.snapref.conformance.targets.TargetOptions;

/** Registers the `engine` target ({@code --target engine}) with the {@link dev.snapref.conformance.targets.TargetRegistry}. */
public final class EngineTargetFactory implements TargetFactory {
    @Override
    public String name() {
        return "engine";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Target create(TargetOptions options) {
        return EngineTarget.fromOptions(options);
    }
}
