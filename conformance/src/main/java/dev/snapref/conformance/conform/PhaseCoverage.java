package dev.snapref.conformance.conform;

import dev.snapref.conformance.clause.Clause;
import dev.snapref.conformance.clause.StepContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What each phase of a conformance run reached (issue 14): the clauses it exercised, the model
 * transitions ({@link TransitionClass}) its checked steps took, and the engine lines it ran
 * ({@link EngineLines}, with the JaCoCo agent), so a blind spot shows before a bug finds it.
 * The report gets one note per phase and one for the whole run (with the clauses no phase
 * reached); {@code coverage.json} in the report folder has the sets.
 *
 * <p>Phases are entered in order with {@link #enter}; everything recorded belongs to the phase
 * entered last. Not thread-safe (a run records from one thread).
 */
final class PhaseCoverage {
    /** What one phase reached. */
    static final class Reach {
        final Set<Clause> clauses = EnumSet.noneOf(Clause.class);
        final Set<String> transitions = new TreeSet<>();
        Optional<EngineLines.Lines> lines = Optional.empty();
    }

    private final Map<String, Reach> phases = new LinkedHashMap<>();
    private final EngineLines engine;
    private Reach current;

    PhaseCoverage(EngineLines engine) {
        this.engine = engine;
    }

    /** Ends the current phase (taking its engine lines) and starts {@code phase} (null: none). */
    void enter(String phase) {
        if (current != null) {
            Optional<EngineLines.Lines> l = engine.take();
            current.lines = l.isPresent() ? l : current.lines;
        } else {
            engine.take();
        }
        current = phase == null ? null : phases.computeIfAbsent(phase, p -> new Reach());
    }

    void step(StepContext ctx, List<Clause> clauses) {
        if (current != null) {
            current.clauses.addAll(clauses);
            current.transitions.add(TransitionClass.of(ctx));
        }
    }

    void clause(Clause c) {
        if (current != null) {
            current.clauses.add(c);
        }
    }

    Map<String, Reach> phases() {
        return phases;
    }

    /** One note per phase, then the whole run's. */
    List<String> notes() {
        List<String> out = new ArrayList<>();
        Set<Clause> clauses = EnumSet.noneOf(Clause.class);
        Set<String> transitions = new TreeSet<>();
        int total = Clause.values().length;
        for (Map.Entry<String, Reach> e : phases.entrySet()) {
            Reach r = e.getValue();
            clauses.addAll(r.clauses);
            transitions.addAll(r.transitions);
            out.add(String.format("coverage %s: clauses %d/%d, model transitions %d, engine lines %s", e.getKey(),
                    r.clauses.size(), total, r.transitions.size(), r.lines.map(Object::toString).orElse(notMeasured())));
        }
        Set<Clause> never = EnumSet.allOf(Clause.class);
        never.removeAll(clauses);
        out.add(String.format("coverage all phases: clauses %d/%d, model transitions %d, engine lines %s%s",
                clauses.size(), total, transitions.size(), engine.total().map(Object::toString).orElse(notMeasured()),
                never.isEmpty() ? "" : "; clauses no phase reached: " + String.join(", ",
                        never.stream().map(Clause::id).toList())));
        return out;
    }

    private String notMeasured() {
        return engine.measuring() ? "not readable" : "not measured (no JaCoCo agent; ./snapref loads it)";
    }
}
