package dev.snapref.conformance.diff;

import dev.snapref.scenario.Script;
import dev.snapref.scenario.Transcript;
import dev.snapref.scenario.TranscriptStep;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Compares two transcripts of the same script and locates their first divergence. */
public final class TranscriptComparison {
    private TranscriptComparison() {
    }

    /** The first divergence of {@code left} and {@code right}, or empty when they are byte-identical. */
    public static Optional<Divergence> compare(Script script, String leftName, Transcript left, String rightName,
                                               Transcript right) {
        String a = left.render();
        String b = right.render();
        if (a.equals(b)) {
            return Optional.empty();
        }
        List<TranscriptStep> l = left.steps();
        List<TranscriptStep> r = right.steps();
        int i = 0;
        while (i < l.size() && i < r.size() && l.get(i).equals(r.get(i))) {
            i++;
        }
        TranscriptStep ls = i < l.size() ? l.get(i) : null;
        TranscriptStep rs = i < r.size() ? r.get(i) : null;
        int line = i < script.lines().size() ? script.lines().get(i).line() : 0;
        String command = ls != null ? ls.echo() : rs != null ? rs.echo() : "(end)";
        String unified = LineDiff.unified(leftName, lines(a), rightName, lines(b));
        return Optional.of(new Divergence(i, line, command, ls, rs, unified));
    }

    private static List<String> lines(String text) {
        return Arrays.asList(text.split("\n", -1));
    }
}
