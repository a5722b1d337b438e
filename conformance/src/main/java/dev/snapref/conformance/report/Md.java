package dev.snapref.conformance.report;

/**
 * Escaping for GitHub-flavoured Markdown: inline text, code spans, fenced blocks and table cells.
 *
 * <p>Guarantee: whatever the input, the output renders as the literal text in its place: no
 * HTML, emphasis, link or table break comes from the input (markup characters are escaped, code
 * fences are longer than any backtick run inside them). Limit: line breaks in inline text and
 * cells become spaces or {@code <br>}.
 */
final class Md {
    private Md() {
    }

    /** Inline text: HTML and Markdown markup escaped, line breaks as spaces. */
    static String text(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '\n', '\r' -> sb.append(' ');
                default -> {
                    if ("\\`*_[]|#~!".indexOf(c) >= 0) {
                        sb.append('\\');
                    }
                    sb.append(c < 0x20 && c != '\t' ? '?' : c);
                }
            }
        }
        return sb.toString();
    }

    /** An inline code span holding {@code s} literally (line breaks as spaces, control characters as {@code ?}). */
    static String code(String s) {
        String one = controls(s.replace('\n', ' ').replace('\r', ' '));
        String fence = "`".repeat(longestRun(one) + 1);
        String pad = one.startsWith("`") || one.endsWith("`") || one.isBlank() ? " " : "";
        return fence + pad + one + pad + fence;
    }

    /** A code span for a table cell: as {@link #code} with {@code |} escaped (GFM reads it first). */
    static String cellCode(String s) {
        return code(s).replace("|", "\\|");
    }

    /**
     * A fenced code block of {@code s} (control characters as {@code ?}) with info string
     * {@code lang} ("" for none), ending with a newline.
     */
    static String block(String s, String lang) {
        String fence = "`".repeat(Math.max(3, longestRun(s) + 1));
        String body = controls(s.endsWith("\n") ? s : s + "\n");
        return fence + lang + "\n" + body + fence + "\n";
    }

    /** A table cell: inline text with line breaks as {@code <br>}. */
    static String cell(String s) {
        return String.join("<br>", java.util.Arrays.stream(s.split("\r?\n", -1)).map(Md::text).toList());
    }

    /** {@code s} with control characters other than line feed and tab replaced by {@code ?}. */
    private static String controls(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            sb.append(c < 0x20 && c != '\n' && c != '\t' || c == 0x7f ? '?' : c);
        }
        return sb.toString();
    }

    private static int longestRun(String s) {
        int best = 0;
        int run = 0;
        for (char c : s.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best;
    }
}
