package dev.snapref.conformance.guard;

import java.nio.file.Path;

/**
 * A throwable a phase (or one script of it) ended with, as the gate records it: which phase, on
 * which script, what was thrown, how far the script was shrunk and where its reproducer is.
 *
 * @param phase          the phase ({@code corpus}, {@code explorer}, {@code fuzz}, {@code faults},
 *                       {@code crash}, {@code corrupt-images}, {@code batch})
 * @param seed           the seed the script came from (the run's seed for corpus and explorer scripts)
 * @param source         which script ("corpus NAME", "fuzz script seed N"); "" when none was running
 * @param cause          what was thrown
 * @param fatal          whether it was {@link Severity#FATAL} (the run's later phases were skipped)
 * @param originalSteps  commands in the script that was running (-1 when none)
 * @param shrunkSteps    commands in the reproducer's script (-1 when none)
 * @param shrinkNote     how the shrink went ("shrunk", or why the script was kept as it was)
 * @param reproducer     the reproducer file, or null when none was written
 * @param reproducerNote why no reproducer was written ("" when one was, or none was asked for)
 */
public record PhaseCrash(String phase, String seed, String source, ThrowableDigest cause, boolean fatal,
                         int originalSteps, int shrunkSteps, String shrinkNote, Path reproducer,
                         String reproducerNote) {
    /** One line for reports and summaries: {@code PHASE threw } and the {@link #detail}. */
    public String summary() {
        return phase + " threw " + detail();
    }

    /** Exception, top frame, script, shrink and reproducer, on one line. */
    public String detail() {
        StringBuilder sb = new StringBuilder(cause.headline());
        if (!cause.frames().isEmpty()) {
            sb.append(" at ").append(cause.frames().get(0));
        }
        if (!source.isEmpty()) {
            sb.append(" on ").append(source);
        }
        if (originalSteps >= 0) {
            sb.append(", script ").append(originalSteps).append(" -> ").append(shrunkSteps).append(" steps");
        }
        if (reproducer != null) {
            sb.append(", reproducer ").append(reproducer);
        } else if (!reproducerNote.isEmpty()) {
            sb.append(", ").append(reproducerNote);
        }
        if (fatal) {
            sb.append("; the JVM is in trouble: later phases skipped");
        }
        return sb.toString();
    }
}
