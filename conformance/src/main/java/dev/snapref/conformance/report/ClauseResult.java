package dev.snapref.conformance.report;

import dev.snapref.conformance.clause.Clause;
import java.util.List;

/**
 * A clause's row in a report.
 *
 * <p>{@code failures} and {@code details} say the same thing at two depths: each detail's
 * {@link FailureDetail#summary} is the failure line at the same index. Give either (the other is
 * derived: a line becomes {@link FailureDetail#line}), or both when they agree.
 *
 * @param clause    the clause
 * @param status    its verdict
 * @param steps     how many checked steps exercised it
 * @param scenarios corpus scenarios (or campaigns) that exercised it
 * @param failures  what failed there, one line each
 * @param details   the same failures with their reproducers, diffs and states
 */
public record ClauseResult(Clause clause, ClauseStatus status, long steps, List<String> scenarios,
                           List<String> failures, List<FailureDetail> details) {
    public ClauseResult {
        scenarios = List.copyOf(scenarios);
        if (details == null || details.isEmpty()) {
            details = failures.stream().map(FailureDetail::line).toList();
        } else {
            List<String> lines = details.stream().map(FailureDetail::summary).toList();
            if (!failures.isEmpty() && !failures.equals(lines)) {
                throw new IllegalArgumentException("failures and details disagree: " + failures + " vs " + lines);
            }
            failures = lines;
            details = List.copyOf(details);
        }
        failures = List.copyOf(failures);
    }

    /** A row whose failures are known as lines only. */
    public ClauseResult(Clause clause, ClauseStatus status, long steps, List<String> scenarios, List<String> failures) {
        this(clause, status, steps, scenarios, failures, List.of());
    }

    /** A row with detailed failures (the lines are their summaries). */
    public static ClauseResult of(Clause clause, ClauseStatus status, long steps, List<String> scenarios,
                                  List<FailureDetail> details) {
        return new ClauseResult(clause, status, steps, scenarios, List.of(), details);
    }
}
