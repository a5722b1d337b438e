package dev.snapref.scenario;

/**
 * One word of a script line after POSIX shell splitting.
 *
 * @param text         the word with quotes removed
 * @param column       1-based column where the word starts
 * @param singleQuoted true when the whole word was one {@code '...'} string
 */
public record ShellWord(String text, int column, boolean singleQuoted) {
}
