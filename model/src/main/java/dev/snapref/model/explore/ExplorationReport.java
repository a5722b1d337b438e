package dev.snapref.model.explore;

import java.util.List;

/**
 * What an exploration found.
 *
 * @param depth        the depth bound
 * @param depthReached the deepest level that produced a new state
 * @param states       distinct states (deduplicated by value)
 * @param transitions  steps taken (every alphabet command from every expanded state)
 * @param millis       wall time
 * @param invariants   ids of the invariants checked on every state
 * @param violations   the first (shortest) violation of each invariant found
 */
public record ExplorationReport(int depth, int depthReached, long states, long transitions, long millis,
                                List<String> invariants, List<Violation> violations) {
    public ExplorationReport {
        invariants = List.copyOf(invariants);
        violations = List.copyOf(violations);
    }

    /** Distinct states per second of wall time. */
    public double statesPerSecond() {
        return millis == 0 ? states : states * 1000.0 / millis;
    }
}
