package dev.snapref.conformance.report;

/** A clause's verdict in a report. */
public enum ClauseStatus {
    /** Exercised, and every step that exercised it conformed. */
    PASS,
    /** A divergence or violation happened at a step that exercises it. */
    FAIL,
    /** Nothing in this run exercised it (not a failure; a gap in the evidence). */
    UNCOVERED
}
