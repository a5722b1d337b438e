package dev.snapref.conformance.diff;

import dev.snapref.scenario.TranscriptStep;

/**
 * The first place two targets' transcripts of one script differ.
 *
 * @param step       0-based index of the first differing step
 * @param scriptLine the script line of that step (1-based; 0 when one transcript is shorter)
 * @param command    the echo of the command there
 * @param left       what the first target printed for it (null when its transcript ended)
 * @param right      what the second target printed for it (null when its transcript ended)
 * @param unified    a unified diff of the two whole transcripts
 */
public record Divergence(int step, int scriptLine, String command, TranscriptStep left, TranscriptStep right,
                         String unified) {
    /** A one-line summary: where and what. */
    public String summary() {
        return "step " + (step + 1) + " (script line " + scriptLine + "): " + command;
    }
}
