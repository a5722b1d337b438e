package dev.snapref.conformance.check;

/** A model invariant that does not hold: its stable id, its statement and what was seen. */
public record InvariantViolation(String id, String description, String detail) {
}
