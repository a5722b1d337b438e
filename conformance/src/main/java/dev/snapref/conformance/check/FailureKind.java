package dev.snapref.conformance.check;

/** How a checked script failed. */
public enum FailureKind {
    /** The transcripts differ at a step. */
    DIVERGENCE,
    /** A model invariant does not hold after a step. */
    INVARIANT,
    /** The candidate's abstract state differs from the model's after a step. */
    REFINEMENT,
    /** A disk's final content differs (data labels). */
    DATA,
    /** A target threw instead of answering. */
    CRASH
}
