package dev.snapref.conformance.targets;

/**
 * A target cannot run a script because the script is outside what the target covers (the
 * model does not model tables that name mapped devices, for instance). Not a failure: runs
 * report the script as skipped for that target, with the reason.
 */
public final class OutOfScope extends RuntimeException {
    public OutOfScope(String target, String reason, Throwable cause) {
        super(target + ": " + reason, cause);
    }
}
