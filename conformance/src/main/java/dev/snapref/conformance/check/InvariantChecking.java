package dev.snapref.conformance.check;

import java.util.List;

/** A session that can check the model's named invariants on its current state (the model's). */
public interface InvariantChecking {
    /** Every invariant that does not hold now; empty when all hold. */
    List<InvariantViolation> violations();
}
