package dev.snapref.conformance.report;

import java.util.function.UnaryOperator;

/**
 * One failure of a clause, with what a person needs to act on it: where it came from, the failing
 * step, the reproducer inline with its replay command, the first divergence of the transcripts
 * and the fact that failed with the two abstract states.
 *
 * <p>Only {@link #summary} is always there: a failure known only as a line (an old caller, a
 * campaign that reports strings) is {@link #line}; the other fields are empty, 0 or null when
 * unknown, and every renderer shows what there is. Guarantee: {@link #summary} is the same line
 * {@link ClauseResult#failures} holds, so text renderings that print only lines lose nothing.
 *
 * @param source      which script or campaign ("fuzz seed 1504", "corpus cow-basic", "crash campaign"); "" unknown
 * @param summary     the one-line description
 * @param kind        DIVERGENCE, INVARIANT, REFINEMENT, DATA, CRASH, or a campaign's signature; "" unknown
 * @param step        the failing step, 1-based (0 unknown)
 * @param command     the failing step's command ("" unknown)
 * @param scriptLine  that command's line in the reproducer's script, 1-based (0 unknown)
 * @param reproducer  the reproducer, or null when none was written
 * @param fact        what failed: the invariant, the refinement differences, the exception, the data; "" unknown
 * @param transcripts reference and candidate transcripts of the reproducer (null when not re-run)
 * @param states      the two abstract states of the failing step (null when not known)
 */
public record FailureDetail(String source, String summary, String kind, int step, String command, int scriptLine,
                            Reproduction reproducer, String fact, TextPair transcripts, TextPair states) {
    public FailureDetail {
        java.util.Objects.requireNonNull(source, "source");
        java.util.Objects.requireNonNull(summary, "summary");
        java.util.Objects.requireNonNull(kind, "kind");
        java.util.Objects.requireNonNull(command, "command");
        java.util.Objects.requireNonNull(fact, "fact");
    }

    /** A failure known only by its line. */
    public static FailureDetail line(String summary) {
        return new FailureDetail("", summary, "", 0, "", 0, null, "", null, null);
    }

    /** Whether anything beyond the line is known. */
    public boolean detailed() {
        return reproducer != null || !fact.isEmpty() || transcripts != null || states != null;
    }

    /** "REFINEMENT at step 7 (script line 10): write ..." or the summary when the step is unknown. */
    public String headline() {
        if (step <= 0) {
            return summary;
        }
        return (kind.isEmpty() ? "failure" : kind) + " at step " + step
                + (scriptLine > 0 ? " (script line " + scriptLine + ")" : "") + (command.isEmpty() ? "" : ": " + command);
    }

    /** The same failure with {@code f} applied to every text in it (path rewriting). */
    FailureDetail map(UnaryOperator<String> f) {
        Reproduction r = reproducer == null ? null : new Reproduction(f.apply(reproducer.path()),
                f.apply(reproducer.script()), f.apply(reproducer.replay()), reproducer.originalSteps(),
                reproducer.shrunkSteps());
        return new FailureDetail(f.apply(source), f.apply(summary), kind, step, f.apply(command), scriptLine, r,
                f.apply(fact), transcripts == null ? null : transcripts.map(f), states == null ? null : states.map(f));
    }
}
