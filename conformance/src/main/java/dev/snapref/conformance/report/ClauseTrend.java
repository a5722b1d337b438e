package dev.snapref.conformance.report;

/** How a clause's verdict moved since a previous report ({@code snapref conform --previous DIR}). */
public enum ClauseTrend {
    /** Failing now, not failing before. */
    NEWLY_FAILING("newly failing"),
    /** Failing before, passing now. */
    FIXED("fixed"),
    /** Failing before and now. */
    STILL_FAILING("still failing"),
    /** Exercised before, not exercised now (a gap opened). */
    NEWLY_UNCOVERED("newly uncovered"),
    /** Not exercised before, passing now. */
    NEWLY_COVERED("newly covered"),
    /** Not in the previous report (a new clause). */
    NEW("new clause"),
    /** The same verdict as before. */
    UNCHANGED("");

    private final String label;

    ClauseTrend(String label) {
        this.label = label;
    }

    /** What a report prints ("" for {@link #UNCHANGED}). */
    public String label() {
        return label;
    }

    /** The move from {@code before} (null: the clause was not there) to {@code now}. */
    public static ClauseTrend between(ClauseStatus before, ClauseStatus now) {
        if (before == null) {
            return NEW;
        }
        if (now == ClauseStatus.FAIL) {
            return before == ClauseStatus.FAIL ? STILL_FAILING : NEWLY_FAILING;
        }
        if (before == ClauseStatus.FAIL) {
            return now == ClauseStatus.PASS ? FIXED : NEWLY_UNCOVERED;
        }
        if (before != now) {
            return now == ClauseStatus.UNCOVERED ? NEWLY_UNCOVERED : NEWLY_COVERED;
        }
        return UNCHANGED;
    }
}
