package dev.snapref.conformance.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts by lines (longest common subsequence), with a few lines of
 * context around each change. Quadratic in the number of lines: meant for transcripts
 * (hundreds to a few thousand lines), not for disk images.
 */
public final class LineDiff {
    private static final int CONTEXT = 3;

    private LineDiff() {
    }

    /** The unified diff of {@code a} and {@code b}, or the empty string when they are equal. */
    public static String unified(String nameA, List<String> a, String nameB, List<String> b) {
        if (a.equals(b)) {
            return "";
        }
        List<Edit> edits = edits(a, b);
        StringBuilder sb = new StringBuilder();
        sb.append("--- ").append(nameA).append('\n').append("+++ ").append(nameB).append('\n');
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).kind == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int lastChange = i;
            while (end < edits.size() && end - lastChange <= 2 * CONTEXT) {
                if (edits.get(end).kind != ' ') {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(edits.size(), lastChange + CONTEXT + 1);
            hunk(sb, edits, start, end);
            i = end;
        }
        return sb.toString();
    }

    private static void hunk(StringBuilder sb, List<Edit> edits, int start, int end) {
        Edit first = edits.get(start);
        int countA = 0;
        int countB = 0;
        for (int k = start; k < end; k++) {
            countA += edits.get(k).kind != '+' ? 1 : 0;
            countB += edits.get(k).kind != '-' ? 1 : 0;
        }
        sb.append("@@ -").append(first.lineA + 1).append(',').append(countA)
                .append(" +").append(first.lineB + 1).append(',').append(countB).append(" @@\n");
        for (int k = start; k < end; k++) {
            sb.append(edits.get(k).kind).append(edits.get(k).text).append('\n');
        }
    }

    private record Edit(char kind, String text, int lineA, int lineB) {
    }

    private static List<Edit> edits(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Edit> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                out.add(new Edit(' ', a.get(i), i++, j++));
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add(new Edit('-', a.get(i), i++, j));
            } else {
                out.add(new Edit('+', b.get(j), i, j++));
            }
        }
        return out;
    }
}
