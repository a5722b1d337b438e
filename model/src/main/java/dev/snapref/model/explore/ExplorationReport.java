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
 * @param visitedBytes bytes of the visited set and the search tree at the end (what grows with
 *                     the states; no full state is kept)
 * @param workers      parallel workers
 * @param config       the configuration's name
 */
public record ExplorationReport(int depth, int depthReached, long states, long transitions, long millis,
                                List<String> invariants, List<Violation> violations, long visitedBytes, int workers,
                                String config) {
    public ExplorationReport {
        invariants = List.copyOf(invariants);
        violations = List.copyOf(violations);
    }

    /** Bytes of the visited set and search tree per distinct state. */
    public double bytesPerState() {
        return states == 0 ? 0 : (double) visitedBytes / states;
    }

    /** Distinct states per second of wall time. */
    public double statesPerSecond() {
        return millis == 0 ? states : states * 1000.0 / millis;
    }
}
