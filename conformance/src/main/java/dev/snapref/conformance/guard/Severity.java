package dev.snapref.conformance.guard;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * How the gate treats a {@link Throwable} that a check, a campaign or a phase ends with. The one
 * place that decides which throwables become failing clauses and which keep their meaning.
 *
 * <ul>
 * <li>{@link #INTERRUPTION}: an {@link InterruptedException} (also {@link InterruptedIOException},
 *     {@link ClosedByInterruptException}, {@link ThreadDeath}) anywhere in the cause chain, or any
 *     throwable caught while the current thread's interrupt flag is set. Someone asked the run to
 *     stop: that is not a verdict on the engine. It is rethrown unchanged with the interrupt flag
 *     set ({@link #rethrowIfNotFailure}), so it ends the run as it would have without the guards.</li>
 * <li>{@link #FATAL}: a {@link VirtualMachineError} other than {@link StackOverflowError}, i.e.
 *     {@link OutOfMemoryError}, {@link InternalError}, {@link UnknownError}: the JVM itself is in
 *     trouble. The guard that sees it first passes it on (no shrinking, no re-run: that would only
 *     run out of memory again); the phase guard records it as a failure of its phase, skips every
 *     later phase and lets the report be written. By then the stack has unwound past the phase, so
 *     the phase's objects are garbage and writing four small files normally succeeds; if the JVM
 *     fails again while writing them, that error escapes (the one case the gate cannot cover).</li>
 * <li>{@link #FAILURE}: everything else, including {@link AssertionError}, {@link StackOverflowError}
 *     (deep recursion in the code under test; once unwound the thread is healthy),
 *     {@link LinkageError}s such as {@link ExceptionInInitializerError}, and checked exceptions
 *     thrown sneakily. A failure of the code under test: a failing clause with a reproducer.</li>
 * </ul>
 */
public enum Severity {
    FAILURE, FATAL, INTERRUPTION;

    /** How deep the cause chain is searched for an interruption. */
    private static final int MAX_CAUSES = 32;

    /** The severity of {@code t} caught on the current thread. */
    public static Severity of(Throwable t) {
        if (Thread.currentThread().isInterrupted() || interruption(t)) {
            return INTERRUPTION;
        }
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            return FATAL;
        }
        return FAILURE;
    }

    /**
     * Rethrows {@code t} unless it is a {@link #FAILURE}; an interruption is rethrown with the
     * current thread's interrupt flag set. Returns normally only for failures.
     */
    public static void rethrowIfNotFailure(Throwable t) {
        Severity s = of(t);
        if (s == INTERRUPTION) {
            Thread.currentThread().interrupt();
        }
        if (s != FAILURE) {
            throw rethrow(t);
        }
    }

    /** Rethrows {@code t} as it is (unchecked), or wrapped in a {@link CancellationException} when checked. */
    public static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        CancellationException c = new CancellationException(String.valueOf(t));
        c.initCause(t);
        throw c;
    }

    private static boolean interruption(Throwable t) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable c = t; c != null && seen.add(c) && seen.size() <= MAX_CAUSES; c = c.getCause()) {
            if (c instanceof InterruptedException || c instanceof InterruptedIOException
                    || c instanceof ClosedByInterruptException || c instanceof ThreadDeath) {
                return true;
            }
        }
        return false;
    }
}
