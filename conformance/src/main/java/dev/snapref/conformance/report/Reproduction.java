package dev.snapref.conformance.report;

/**
 * A failure's reproducer as a report shows it: where the file is, what it says, and how to run it.
 *
 * <p>Guarantee: {@link #path} and every path inside {@link #replay} are relative to the report
 * folder once the report has been made portable ({@link PortablePaths}), so the folder can be
 * moved, zipped or opened on another machine. Limit: {@link #script} is the file's text as it was
 * when the report was built (a reproducer edited later is not re-read).
 *
 * @param path          the reproducer file, relative to the report folder ({@code reproducers/fail-1a2b.dms})
 * @param script        the file's text: header comments and the (shrunk) script, ready to copy
 * @param replay        the command that re-runs it ({@code ./snapref replay reproducers/fail-1a2b.dms})
 * @param originalSteps commands in the script before shrinking (-1 when unknown)
 * @param shrunkSteps   commands in the reproducer (-1 when unknown)
 */
public record Reproduction(String path, String script, String replay, int originalSteps, int shrunkSteps) {
    public Reproduction {
        java.util.Objects.requireNonNull(path, "path");
        java.util.Objects.requireNonNull(script, "script");
        java.util.Objects.requireNonNull(replay, "replay");
    }

    /** "shrunk 21 -> 7 steps", "7 steps", or "" when the counts are unknown. */
    public String shrinkText() {
        if (shrunkSteps < 0) {
            return "";
        }
        return originalSteps >= 0 && originalSteps != shrunkSteps
                ? "shrunk " + originalSteps + " \u2192 " + shrunkSteps + " steps" : shrunkSteps + " steps";
    }
}
