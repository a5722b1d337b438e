package dev.snapref.cli;

import dev.snapref.conformance.check.DifferentialChecker;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.conformance.targets.Target;

/** Builds the model (reference) and a step-wise candidate for checked runs (fuzz, replay, conform). */
final class CheckedTargets {
    private CheckedTargets() {
    }

    static SteppableTarget steppable(TargetMixin mixin, String name) {
        Target t = mixin.create(name);
        if (!(t instanceof SteppableTarget s)) {
            throw new UsageException("target '" + name + "' cannot be checked step by step (use 'snapref diff')");
        }
        return s;
    }

    /** The same checker with no bug switch on (the baseline of a bug-hunting campaign). */
    static DifferentialChecker correctChecker(TargetMixin mixin, String candidate, boolean refinement) {
        return new DifferentialChecker(steppable(mixin, "model"), correct(mixin, candidate), refinement);
    }

    /** The candidate with no bug switch on. */
    static SteppableTarget correct(TargetMixin mixin, String candidate) {
        String bug = mixin.bug;
        mixin.bug = null;
        try {
            return steppable(mixin, candidate);
        } finally {
            mixin.bug = bug;
        }
    }

    static DifferentialChecker checker(TargetMixin mixin, String candidate, boolean refinement) {
        return new DifferentialChecker(steppable(mixin, "model"), steppable(mixin, candidate), refinement);
    }
}
