package dev.snapref.conformance.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report compared with a previous one: per clause, how its verdict moved
 * ({@link ClauseTrend}); and the clauses the previous report had that this one does not.
 *
 * <p>{@link #NONE} is the trend of a report with no previous one: {@link #present()} is false and
 * every clause is {@link ClauseTrend#UNCHANGED}.
 *
 * @param previousDate   the previous report's date ("" for none)
 * @param previousPassed its verdict
 * @param previousWhat   its target and bug switch, for the header ("engine, bug x")
 * @param clauses        clause id to trend (ids this report has)
 * @param removed        clause ids only the previous report has
 */
public record Trend(String previousDate, boolean previousPassed, String previousWhat, Map<String, ClauseTrend> clauses,
                    List<String> removed) {
    /** No previous report. */
    public static final Trend NONE = new Trend("", false, "", Map.of(), List.of());

    public Trend {
        clauses = Collections.unmodifiableMap(new LinkedHashMap<>(clauses));
        removed = List.copyOf(removed);
    }

    /** Whether there was a previous report. */
    public boolean present() {
        return !previousDate.isEmpty() || !clauses.isEmpty() || !removed.isEmpty();
    }

    /** This report's clauses compared with {@code previous}. */
    public static Trend between(PreviousReport previous, List<ClauseResult> now) {
        Map<String, ClauseTrend> out = new LinkedHashMap<>();
        for (ClauseResult c : now) {
            out.put(c.clause().id(), ClauseTrend.between(previous.statuses().get(c.clause().id()), c.status()));
        }
        List<String> removed = new ArrayList<>();
        previous.statuses().keySet().stream().filter(id -> !out.containsKey(id)).forEach(removed::add);
        String what = previous.target() + (previous.bug() == null ? "" : ", bug " + previous.bug());
        return new Trend(previous.date(), previous.passed(), what, out, removed);
    }

    /** The trend of clause {@code id}. */
    public ClauseTrend of(String id) {
        return clauses.getOrDefault(id, ClauseTrend.UNCHANGED);
    }

    /** How many clauses moved this way. */
    public long count(ClauseTrend t) {
        return clauses.values().stream().filter(x -> x == t).count();
    }

    /** "2 newly failing, 1 fixed" (only the moves that happened), or "no change". */
    public String summary() {
        List<String> parts = new ArrayList<>();
        for (ClauseTrend t : ClauseTrend.values()) {
            long n = count(t);
            if (t != ClauseTrend.UNCHANGED && n > 0) {
                parts.add(n + " " + t.label());
            }
        }
        if (!removed.isEmpty()) {
            parts.add(removed.size() + " no longer in the catalogue");
        }
        return parts.isEmpty() ? "no change" : String.join(", ", parts);
    }
}
