package dev.snapref.cli;

/** The exit codes of every snapref command. */
public final class ExitCode {
    /** All checks passed. */
    public static final int OK = 0;
    /** A check failed or targets diverged. */
    public static final int FAILED = 1;
    /** Usage or input error (bad option, malformed script, unreadable file, missing tool). */
    public static final int USAGE = 2;
    /** snapref itself failed (a bug in snapref, not in what it checked); the message says so. */
    public static final int INTERNAL = 3;

    private ExitCode() {
    }
}
