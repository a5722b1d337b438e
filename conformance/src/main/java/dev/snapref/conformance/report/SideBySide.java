package dev.snapref.conformance.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Two texts aligned line by line for a side-by-side view: equal lines share a row, a run of
 * removed lines next to a run of added ones pairs up as changed rows, the rest are one-sided.
 * {@link #fold} hides long runs of equal rows far from any change and from the focus (the failing
 * step), leaving a {@link Kind#FOLD} row that says how many lines it hides.
 *
 * <p>Guarantee: reading the left column of the unfolded rows top to bottom gives the left text,
 * and the same for the right. Limit: alignment is a longest common subsequence of lines when the
 * texts are small (at most {@value #MAX_CELLS} line pairs); beyond that lines are paired by position.
 */
final class SideBySide {
    static final int MAX_CELLS = 4_000_000;

    /** How a row's two sides relate. */
    enum Kind { SAME, CHANGED, LEFT_ONLY, RIGHT_ONLY, FOLD }

    /**
     * One row: line numbers are 1-based, 0 where the side is empty; a FOLD row's {@code left}
     * holds the count of hidden rows.
     */
    record Row(Kind kind, int leftNo, String left, int rightNo, String right) {
        /** Whether the two sides differ (a changed or one-sided row). */
        boolean differs() {
            return kind == Kind.CHANGED || kind == Kind.LEFT_ONLY || kind == Kind.RIGHT_ONLY;
        }
    }

    private SideBySide() {
    }

    /** The aligned rows of {@code left} and {@code right} (texts split at {@code \n}; a final newline ends the last line). */
    static List<Row> rows(String left, String right) {
        List<String> a = lines(left);
        List<String> b = lines(right);
        if ((long) a.size() * b.size() > MAX_CELLS) {
            return byPosition(a, b);
        }
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Row> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        List<Integer> removed = new ArrayList<>();
        List<Integer> added = new ArrayList<>();
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                flush(out, a, b, removed, added);
                out.add(new Row(Kind.SAME, i + 1, a.get(i), j + 1, b.get(j)));
                i++;
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                removed.add(i++);
            } else {
                added.add(j++);
            }
        }
        flush(out, a, b, removed, added);
        return out;
    }

    private static void flush(List<Row> out, List<String> a, List<String> b, List<Integer> removed,
                              List<Integer> added) {
        int n = Math.max(removed.size(), added.size());
        for (int k = 0; k < n; k++) {
            boolean l = k < removed.size();
            boolean r = k < added.size();
            Kind kind = l && r ? Kind.CHANGED : l ? Kind.LEFT_ONLY : Kind.RIGHT_ONLY;
            out.add(new Row(kind, l ? removed.get(k) + 1 : 0, l ? a.get(removed.get(k)) : "",
                    r ? added.get(k) + 1 : 0, r ? b.get(added.get(k)) : ""));
        }
        removed.clear();
        added.clear();
    }

    private static List<Row> byPosition(List<String> a, List<String> b) {
        List<Row> out = new ArrayList<>();
        for (int k = 0; k < Math.max(a.size(), b.size()); k++) {
            String l = k < a.size() ? a.get(k) : null;
            String r = k < b.size() ? b.get(k) : null;
            Kind kind = l == null ? Kind.RIGHT_ONLY : r == null ? Kind.LEFT_ONLY
                    : l.equals(r) ? Kind.SAME : Kind.CHANGED;
            out.add(new Row(kind, l == null ? 0 : k + 1, l == null ? "" : l, r == null ? 0 : k + 1, r == null ? "" : r));
        }
        return out;
    }

    /**
     * {@code rows} with every run of SAME rows more than {@code context} rows away from a change
     * and from a left line number {@code focus} accepts replaced by one FOLD row (runs shorter
     * than 3 rows are kept).
     */
    static List<Row> fold(List<Row> rows, IntPredicate focus, int context) {
        boolean[] keep = new boolean[rows.size()];
        for (int k = 0; k < rows.size(); k++) {
            Row r = rows.get(k);
            if (r.kind() != Kind.SAME || focus.test(r.leftNo())) {
                Arrays.fill(keep, Math.max(0, k - context), Math.min(rows.size(), k + context + 1), true);
            }
        }
        List<Row> out = new ArrayList<>();
        int k = 0;
        while (k < rows.size()) {
            int end = k;
            while (end < rows.size() && !keep[end]) {
                end++;
            }
            if (end - k >= 3) {
                out.add(new Row(Kind.FOLD, 0, Integer.toString(end - k), 0, ""));
            } else {
                out.addAll(rows.subList(k, end));
            }
            if (end < rows.size()) {
                out.add(rows.get(end));
            }
            k = end + 1;
        }
        return out;
    }

    /** The lines of {@code text} (no trailing empty line for a final newline; none for ""). */
    static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return Arrays.asList(t.split("\n", -1));
    }

    /** A plain-text rendering: {@code left | right}, differing rows marked with {@code !}, for Markdown and JUnit. */
    static String text(String a, String b, int width) {
        StringBuilder sb = new StringBuilder();
        for (Row r : rows(a, b)) {
            String l = r.left();
            String cut = l.length() > width ? l.substring(0, width - 1) + "~" : l;
            sb.append(r.differs() ? "! " : "  ").append(cut).append(" ".repeat(width - cut.length())).append(" | ")
                    .append(r.right()).append('\n');
        }
        return sb.toString();
    }
}
