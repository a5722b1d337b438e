package dev.snapref.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a line into words as a POSIX shell does for plain words: blanks separate words,
 * {@code '...'} keeps everything literally, {@code "..."} keeps everything but {@code \"},
 * {@code \\}, and a backslash outside quotes escapes the next character. No expansion of
 * any kind happens ({@code $}, globs and the like are ordinary characters).
 */
public final class ShellWords {
    private ShellWords() {
    }

    /**
     * Splits {@code line}.
     *
     * @throws ScriptError on an unterminated quote or a trailing backslash
     */
    public static List<ShellWord> split(String file, int lineNo, String line) throws ScriptError {
        List<ShellWord> words = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && isBlank(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            StringBuilder sb = new StringBuilder();
            int quotedParts = 0;
            int parts = 0;
            while (i < n && !isBlank(line.charAt(i))) {
                char c = line.charAt(i);
                parts++;
                if (c == '\'') {
                    int end = line.indexOf('\'', i + 1);
                    if (end < 0) {
                        throw new ScriptError(file, lineNo, i + 1, "unterminated single quote");
                    }
                    sb.append(line, i + 1, end);
                    quotedParts++;
                    i = end + 1;
                } else if (c == '"') {
                    i = readDoubleQuoted(file, lineNo, line, i, sb);
                } else if (c == '\\') {
                    if (i + 1 >= n) {
                        throw new ScriptError(file, lineNo, i + 1, "trailing backslash");
                    }
                    sb.append(line.charAt(i + 1));
                    i += 2;
                } else {
                    int j = i;
                    while (j < n && !isBlank(line.charAt(j)) && "'\"\\".indexOf(line.charAt(j)) < 0) {
                        j++;
                    }
                    sb.append(line, i, j);
                    i = j;
                }
            }
            words.add(new ShellWord(sb.toString(), start + 1, parts == 1 && quotedParts == 1));
        }
        return words;
    }

    private static int readDoubleQuoted(String file, int lineNo, String line, int open, StringBuilder sb)
            throws ScriptError {
        int i = open + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                sb.append(line.charAt(i + 1));
                i += 2;
            } else {
                sb.append(c);
                i++;
            }
        }
        throw new ScriptError(file, lineNo, open + 1, "unterminated double quote");
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
