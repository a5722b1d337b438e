package dev.snapref.cli.architecture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Measures the methods and constructors of one Java source file by brace structure: comments,
 * string, text-block and character literals are blanked first; a block opened directly inside a
 * type body whose header has a parameter list is a method (or constructor), and its length runs
 * from its header's first line to its closing brace. Bodies of anonymous classes and lambdas count
 * towards the method that holds them. Limits: a heuristic, not a parser; it is exact for the
 * formatting this project uses.
 */
final class MethodLengths {
    private static final Pattern TYPE_HEADER = Pattern.compile("\\b(class|interface|enum|record)\\b");

    /** A method of {@code lines} lines starting at {@code firstLine} (1-based), named by its header. */
    record Method(String header, int firstLine, int lines) {
    }

    private enum Block { TYPE, METHOD, OTHER }

    private MethodLengths() {
    }

    static List<Method> of(String source) {
        char[] c = blankLiteralsAndComments(source).toCharArray();
        List<Method> out = new ArrayList<>();
        Deque<Block> blocks = new ArrayDeque<>();
        Deque<int[]> starts = new ArrayDeque<>();
        StringBuilder header = new StringBuilder();
        int line = 1;
        int headerLine = -1;
        for (char ch : c) {
            if (ch == '{') {
                Block parent = blocks.peek();
                String h = header.toString().strip();
                Block kind = TYPE_HEADER.matcher(h).find() && !h.contains("new ") ? Block.TYPE
                        : (parent == null || parent == Block.TYPE) && isMethodHeader(h) ? Block.METHOD : Block.OTHER;
                blocks.push(kind);
                starts.push(new int[] {headerLine < 0 ? line : headerLine});
                if (kind == Block.METHOD) {
                    out.add(new Method(h, starts.peek()[0], -1));
                }
                header.setLength(0);
                headerLine = -1;
            } else if (ch == '}') {
                Block kind = blocks.pop();
                int start = starts.pop()[0];
                if (kind == Block.METHOD) {
                    close(out, start, line);
                }
                header.setLength(0);
                headerLine = -1;
            } else if (ch == ';') {
                header.setLength(0);
                headerLine = -1;
            } else {
                if (headerLine < 0 && !Character.isWhitespace(ch)) {
                    headerLine = line;
                }
                header.append(ch);
            }
            if (ch == '\n') {
                line++;
            }
        }
        return out;
    }

    /** A method or constructor header: a parameter list, not a field initialiser or lambda. */
    private static boolean isMethodHeader(String h) {
        int paren = h.indexOf('(');
        return paren >= 0 && !h.substring(0, paren).contains("=") && !h.contains("->");
    }

    private static void close(List<Method> out, int start, int endLine) {
        for (int i = out.size() - 1; i >= 0; i--) {
            Method m = out.get(i);
            if (m.firstLine() == start && m.lines() < 0) {
                out.set(i, new Method(m.header(), start, endLine - start + 1));
                return;
            }
        }
    }

    /** The source with comments and literals replaced by blanks (newlines kept, so line numbers hold). */
    static String blankLiteralsAndComments(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            String end = ch == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/' ? "\n"
                    : ch == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*' ? "*/"
                    : s.startsWith("\"\"\"", i) ? "\"\"\"" : ch == '"' ? "\"" : ch == '\'' ? "'" : null;
            if (end == null) {
                b.append(ch);
                i++;
                continue;
            }
            int from = i + (end.equals("\"\"\"") ? 3 : end.equals("*/") ? 2 : 1);
            int j = from;
            while (j < s.length() && !s.startsWith(end, j)) {
                j += (end.length() == 1 && end.charAt(0) != '\n' && s.charAt(j) == '\\') ? 2 : 1;
            }
            int stop = Math.min(s.length(), end.equals("\n") ? j : j + end.length());
            for (int k = i; k < stop; k++) {
                b.append(s.charAt(k) == '\n' ? '\n' : ' ');
            }
            i = stop;
        }
        return b.toString();
    }
}
