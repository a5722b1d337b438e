package dev.snapref.conformance.guard;

import dev.snapref.scenario.Script;
import java.util.Optional;

/**
 * How a phase re-runs one script on its own, so that a crash can be shrunk: the same work the
 * phase did for the script (same seed) on fresh targets, without recording evidence or writing
 * files. It returns the throwable that work ends with, or empty when it completes; it may also
 * simply throw it. It is called on a worker thread of {@link GuardedShrink}, bounded in time.
 */
@FunctionalInterface
public interface ScriptRerun {
    /** Re-runs {@code script} (generated from, or checked with, {@code seed}). */
    Optional<Throwable> run(Script script, long seed);
}
