package dev.snapref.conformance.race;

import java.util.List;

/**
 * What a race campaign did: scenarios explored, schedules run, scenarios explored exhaustively up
 * to the preemption bound, failures (at most one per scenario), and how long it took.
 */
public record RaceSummary(long seed, int scenarios, long schedules, int exhausted, int maxPreemptions,
                          List<RaceFailure> failures, long nanos) {
    public RaceSummary {
        failures = List.copyOf(failures);
    }

    /** One line for the report's notes. */
    public String note() {
        return String.format("races: seed %d, %d scenarios, %d schedules (up to %d preemptions; %d scenarios"
                        + " exhausted), %d failures, %.1f s", seed, scenarios, schedules, maxPreemptions, exhausted,
                failures.size(), nanos / 1e9);
    }
}
