package dev.snapref.conformance.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Two texts side by side, line by line, aligned on their longest common subsequence: equal lines
 * face each other, a changed line faces its counterpart or a gap. For transcripts (up to a few
 * thousand lines; quadratic).
 */
public final class SideBySide {
    /** One row: the left and right line (null for a gap) and whether they differ. */
    public record Row(String left, String right, boolean differs) {
    }

    private SideBySide() {
    }

    public static List<Row> rows(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        int[][] lcs = new int[x.length + 1][y.length + 1];
        for (int i = x.length - 1; i >= 0; i--) {
            for (int j = y.length - 1; j >= 0; j--) {
                lcs[i][j] = x[i].equals(y[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Row> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        List<String> left = new ArrayList<>();
        List<String> right = new ArrayList<>();
        while (i < x.length || j < y.length) {
            if (i < x.length && j < y.length && x[i].equals(y[j])) {
                flush(out, left, right);
                out.add(new Row(x[i++], y[j++], false));
            } else if (j >= y.length || (i < x.length && lcs[i + 1][j] >= lcs[i][j + 1])) {
                left.add(x[i++]);
            } else {
                right.add(y[j++]);
            }
        }
        flush(out, left, right);
        return out;
    }

    /** Pairs the pending changed lines row by row (a gap where one side has fewer). */
    private static void flush(List<Row> out, List<String> left, List<String> right) {
        for (int k = 0; k < Math.max(left.size(), right.size()); k++) {
            out.add(new Row(k < left.size() ? left.get(k) : null, k < right.size() ? right.get(k) : null, true));
        }
        left.clear();
        right.clear();
    }

    /** A plain-text rendering: {@code left | right}, changed rows marked with {@code !}, for Markdown. */
    public static String text(String a, String b, int width) {
        StringBuilder sb = new StringBuilder();
        for (Row r : rows(a, b)) {
            String l = r.left() == null ? "" : r.left();
            String cut = l.length() > width ? l.substring(0, width - 1) + "~" : l;
            sb.append(r.differs() ? "! " : "  ").append(cut).append(" ".repeat(width - cut.length())).append(" | ")
                    .append(r.right() == null ? "" : r.right()).append('\n');
        }
        return sb.toString();
    }
}
