package dev.snapref.model;

import java.util.Optional;

/** A named property every reachable model state must have. */
public interface Invariant {
    /** Stable id used by reports and proofs-notes, e.g. {@code INV-HO-2}. */
    String id();

    /** One-sentence statement. */
    String description();

    /** A description of the violation in {@code state}, or empty when the invariant holds. */
    Optional<String> check(ModelState state);
}
