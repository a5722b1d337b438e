package dev.snapref.scenario;

/**
 * A malformed script line. The message names the file, the 1-based line and column, and what
 * was expected there: {@code cow.dms:7:25: expected a sector count (a decimal number), found 'x8'}.
 */
public final class ScriptError extends Exception {
    private final String file;
    private final int line;
    private final int column;
    private final String problem;

    public ScriptError(String file, int line, int column, String problem) {
        super(file + ":" + line + ":" + column + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** What was wrong, without the position. */
    public String problem() {
        return problem;
    }
}
