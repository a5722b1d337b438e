package dev.snapref.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * A canonical transcript: one {@link TranscriptStep} per command. Two targets conform on a
 * script when {@link #render()} of their transcripts is byte-identical.
 */
public record Transcript(List<TranscriptStep> steps) {
    public Transcript {
        steps = List.copyOf(steps);
    }

    /** The canonical text. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (TranscriptStep s : steps) {
            sb.append(s.render());
        }
        return sb.toString();
    }

    /**
     * Parses a canonical transcript (as recorded in {@code kernel-transcripts/*.transcript}).
     *
     * @throws IllegalArgumentException naming the line that is not canonical
     */
    public static Transcript parse(String text) {
        List<TranscriptStep> steps = new ArrayList<>();
        String echo = null;
        List<String> output = new ArrayList<>();
        List<String> kmsg = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.isEmpty() && i == lines.length - 1) {
                break;
            }
            if (l.startsWith("$ ")) {
                requireNoOpenStep(echo, i);
                echo = l.substring(2);
            } else if (l.startsWith("  -> ") && echo != null) {
                steps.add(new TranscriptStep(echo, output, kmsg, Outcome.parse(l.substring(5))));
                echo = null;
                output = new ArrayList<>();
                kmsg = new ArrayList<>();
            } else if (l.startsWith("  kmsg: ") && echo != null) {
                kmsg.add(l.substring(8));
            } else if (l.startsWith("  ") && echo != null && l.length() > 2) {
                output.add(l.substring(2));
            } else {
                throw new IllegalArgumentException("transcript line " + (i + 1) + " is not canonical: " + l);
            }
        }
        requireNoOpenStep(echo, lines.length);
        return new Transcript(steps);
    }

    private static void requireNoOpenStep(String echo, int line) {
        if (echo != null) {
            throw new IllegalArgumentException("transcript line " + line + ": step '" + echo + "' has no -> line");
        }
    }
}
