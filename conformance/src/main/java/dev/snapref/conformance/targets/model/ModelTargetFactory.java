package dev.snapref.conformance.targets.model;

import dev.snapref.conformance.targets.Target;
import dev.snapref.conformance.targets.TargetFactory;
import dev.snapref.conformance.targets.TargetOptions;

/** Registers the `model` target ({@code --target model}) with the {@link dev.snapref.conformance.targets.TargetRegistry}. */
public final class ModelTargetFactory implements TargetFactory {
    @Override
    public String name() {
        return "model";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Target create(TargetOptions options) {
        return ModelTarget.fromOptions(options);
    }
}
