package dev.snapref.scenario;

/**
 * One command of a scenario script (see {@code shared/spec/scenario-format.md}).
 *
 * <p>Commands are plain immutable values. {@link #echo()} is the canonical text that a
 * transcript prints after {@code $ }: words joined by single spaces, a table inside
 * {@code '...'} exactly as written.
 */
public sealed interface Command
        permits DiskCommand, CreateCommand, CreateNoTableCommand, LoadCommand, SuspendCommand,
                ResumeCommand, RemoveCommand, StatusCommand, TableCommand, InfoCommand,
                WriteCommand, ReadCommand {

    /** The canonical echo of this command, as printed on a transcript's {@code $ } line. */
    String echo();

    /** Quotes a word for the echo when it contains blanks or quotes; tables are quoted elsewhere. */
    static String word(String w) {
        if (w.isEmpty()) {
            return "''";
        }
        boolean needs = w.chars().anyMatch(c -> Character.isWhitespace(c) || c == '\'' || c == '"');
        if (!needs) {
            return w;
        }
        return w.indexOf('\'') < 0 ? "'" + w + "'" : "\"" + w.replace("\"", "\\\"") + "\"";
    }
}
