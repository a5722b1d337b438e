package dev.snapref.conformance.report;

import dev.snapref.conformance.clause.Clause;
import java.util.List;

/**
 * A clause's row in a report.
 *
 * @param clause      the clause
 * @param status      its verdict
 * @param steps       how many checked steps exercised it
 * @param scenarios   corpus scenarios that exercised it
 * @param failures    what failed there (with the reproducer path when there is one)
 */
public record ClauseResult(Clause clause, ClauseStatus status, long steps, List<String> scenarios,
                           List<String> failures) {
    public ClauseResult {
        scenarios = List.copyOf(scenarios);
        failures = List.copyOf(failures);
    }
}
