package dev.snapref.conformance.report;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * A {@link TextPair} as an HTML side-by-side table: line numbers and text of each side, changed
 * lines tinted, one-sided lines red, the focus lines (the failing step) marked with a bar, long
 * runs of equal lines folded into one row that says how many it hides. Every text is escaped.
 */
final class HtmlSideBySide {
    /** Equal lines kept around each change and around the focus. */
    static final int CONTEXT = 3;

    private HtmlSideBySide() {
    }

    /** The table of {@code p}; {@code focus} says which left line numbers (1-based) to mark. */
    static String table(TextPair p, IntPredicate focus) {
        return render(p, SideBySide.fold(SideBySide.rows(p.left(), p.right()), focus, CONTEXT), focus);
    }

    /** The table of {@code p} with every line shown and none marked. */
    static String whole(TextPair p) {
        return render(p, SideBySide.rows(p.left(), p.right()), n -> false);
    }

    private static String render(TextPair p, List<SideBySide.Row> rows, IntPredicate focus) {
        StringBuilder sb = new StringBuilder("<table class=\"sbs\"><thead><tr><th class=\"no\"></th><th>")
                .append(Xml.esc(p.leftName())).append("</th><th class=\"no\"></th><th>").append(Xml.esc(p.rightName()))
                .append("</th></tr></thead><tbody>\n");
        for (SideBySide.Row r : rows) {
            if (r.kind() == SideBySide.Kind.FOLD) {
                sb.append("<tr class=\"fold\"><td colspan=\"4\">\u22ef ").append(r.left())
                        .append(" equal lines \u22ef</td></tr>\n");
                continue;
            }
            sb.append("<tr class=\"").append(r.kind()).append(r.leftNo() > 0 && focus.test(r.leftNo()) ? " focus" : "")
                    .append("\"><td class=\"no\">").append(r.leftNo() > 0 ? Integer.toString(r.leftNo()) : "")
                    .append("</td><td class=\"txt l\">").append(Xml.esc(r.left())).append("</td><td class=\"no\">")
                    .append(r.rightNo() > 0 ? Integer.toString(r.rightNo()) : "").append("</td><td class=\"txt r\">")
                    .append(Xml.esc(r.right())).append("</td></tr>\n");
        }
        return sb.append("</tbody></table>\n").toString();
    }

    /**
     * The line numbers (1-based) of step {@code step} (1-based) of a canonical transcript: from its
     * {@code $ } echo line to the line before the next one. Nothing when {@code step} is 0 or past the end.
     */
    static IntPredicate stepLines(String transcript, int step) {
        if (step <= 0) {
            return n -> false;
        }
        List<String> lines = SideBySide.lines(transcript);
        int seen = 0;
        int first = -1;
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("$ ")) {
                seen++;
                if (seen == step) {
                    first = i + 1;
                } else if (seen == step + 1) {
                    break;
                }
            }
            if (seen == step) {
                last = i + 1;
            }
        }
        int a = first;
        int b = last;
        return n -> a > 0 && n >= a && n <= b;
    }
}
