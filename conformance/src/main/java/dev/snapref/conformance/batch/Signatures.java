package dev.snapref.conformance.batch;

import dev.snapref.conformance.diff.Divergence;
import dev.snapref.scenario.TranscriptStep;
import java.util.List;

/**
 * The signature of a transcript divergence, so that shrinking keeps "the same failure": the
 * command's verb ({@code dmsetup create}, {@code read}, ...) and the first line where the
 * reference's and the candidate's steps differ, with numbers and snapshot names blurred
 * ({@code 24/256} and {@code 16/512} alike, {@code s1} and {@code s3} alike), so that shrinking
 * may change sizes and names but not the kind of difference.
 */
public final class Signatures {
    private Signatures() {
    }

    public static String of(Divergence d) {
        String[] words = d.command().split(" ");
        String verb = words[0].equals("dmsetup") && words.length > 1 ? words[0] + " " + words[1] : words[0];
        List<String> a = lines(d.left());
        List<String> b = lines(d.right());
        int i = 0;
        while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
            i++;
        }
        String x = i < a.size() ? a.get(i) : "(nothing)";
        String y = i < b.size() ? b.get(i) : "(nothing)";
        return verb + " | " + blur(x) + " | " + blur(y);
    }

    private static List<String> lines(TranscriptStep s) {
        return s == null ? List.of("(end of transcript)") : List.of(s.render().split("\n"));
    }

    static String blur(String line) {
        return line.strip().replaceAll("\\b(s|snap|o|origin)\\d+\\b", "$1N").replaceAll("\\d+", "#");
    }
}
