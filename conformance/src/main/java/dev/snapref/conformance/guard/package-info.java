/**
 * The gate never crashes: guards that turn a throwable of the code under test (an engine
 * assertion, a runtime exception, a stack overflow) into a recorded crash of the phase that was
 * running, with a reproducer naming the phase, seed, exception class, message and top engine
 * frames and carrying the script that was running, shrunk when the phase can re-run it safely.
 *
 * <ul>
 * <li>{@link dev.snapref.conformance.guard.Severity}: which throwables are failures, which are
 *     fatal (the JVM is in trouble) and which are interruptions (rethrown, never a verdict).</li>
 * <li>{@link dev.snapref.conformance.guard.PhaseGuard}: runs a phase, tracks its current script,
 *     records crashes; {@link dev.snapref.conformance.guard.PhaseCrash} is what it records.</li>
 * <li>{@link dev.snapref.conformance.guard.GuardedShrink}: the shrink of a crash, itself guarded
 *     and bounded in time, against a phase's {@link dev.snapref.conformance.guard.ScriptRerun}.</li>
 * <li>{@link dev.snapref.conformance.guard.CrashReproducer} and
 *     {@link dev.snapref.conformance.guard.ThrowableDigest}: the reproducer file and what it says
 *     about the throwable.</li>
 * </ul>
 *
 * <p>Depends on the scenario format and the shrinker only, so every campaign and command can use
 * it; it knows nothing of clauses (the caller chooses the clause a crash fails).
 */
package dev.snapref.conformance.guard;
