package dev.snapref.conformance.conform;

import dev.snapref.conformance.clause.Clause;
import dev.snapref.conformance.clause.StepContext;
import dev.snapref.conformance.report.ClauseResult;
import dev.snapref.conformance.report.ClauseStatus;
import dev.snapref.conformance.report.FailureDetail;
import dev.snapref.conformance.report.HandoverPhase;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** Collects, per clause, the steps that exercised it, the scenarios, and the failures; and phase transitions. */
final class ClauseEvidence {
    /** The cow disk whose handover phases the report draws. */
    private static final String COW = "cow";
    private final Map<Clause, Long> steps = new EnumMap<>(Clause.class);
    private final Map<Clause, Set<String>> scenarios = new EnumMap<>(Clause.class);
    private final Map<Clause, List<FailureDetail>> failures = new EnumMap<>(Clause.class);
    private final Map<String, Long> transitions = new TreeMap<>();

    /** Records one checked step of scenario {@code scenario} (null for fuzz and explorer scripts). */
    void step(StepContext ctx, String scenario) {
        for (Clause c : clausesOf(ctx)) {
            steps.merge(c, 1L, Long::sum);
            if (scenario != null) {
                scenarios.computeIfAbsent(c, k -> new LinkedHashSet<>()).add(scenario);
            }
        }
        HandoverPhase from = HandoverPhase.of(ctx.before(), COW);
        HandoverPhase to = HandoverPhase.of(ctx.after(), COW);
        if (from != HandoverPhase.FREE || to != HandoverPhase.FREE) {
            transitions.merge(from.name() + "->" + to.name(), 1L, Long::sum);
        }
    }

    /**
     * Records that a campaign exercised {@code clause} {@code n} times outside the step-wise check
     * (the fault modes: scripts or images checked), naming the campaign as its scenario.
     */
    void exercised(Clause clause, long n, String campaign) {
        assert n >= 0 : n;
        if (n > 0) {
            steps.merge(clause, n, Long::sum);
            scenarios.computeIfAbsent(clause, k -> new LinkedHashSet<>()).add(campaign);
        }
    }

    void fail(Clause clause, String what) {
        fail(clause, FailureDetail.line(what));
    }

    /** Records a failure of {@code clause} with what is known about it. */
    void fail(Clause clause, FailureDetail what) {
        failures.computeIfAbsent(clause, k -> new ArrayList<>()).add(what);
    }

    Map<String, Long> transitions() {
        return transitions;
    }

    List<ClauseResult> results() {
        return results(UnaryOperator.identity());
    }

    /** The rows, each failure passed through {@code explain} (which adds what it can and never throws). */
    List<ClauseResult> results(UnaryOperator<FailureDetail> explain) {
        List<ClauseResult> out = new ArrayList<>();
        for (Clause c : Clause.values()) {
            long n = steps.getOrDefault(c, 0L);
            List<FailureDetail> f = failures.getOrDefault(c, List.of()).stream().map(explain).toList();
            ClauseStatus st = !f.isEmpty() ? ClauseStatus.FAIL : n > 0 ? ClauseStatus.PASS : ClauseStatus.UNCOVERED;
            out.add(ClauseResult.of(c, st, n, new ArrayList<>(scenarios.getOrDefault(c, Set.of())), f));
        }
        return out;
    }

    static List<Clause> clausesOf(StepContext ctx) {
        List<Clause> out = new ArrayList<>();
        for (Clause c : Clause.values()) {
            if (c.exercisedBy(ctx)) {
                out.add(c);
            }
        }
        return out;
    }
}
