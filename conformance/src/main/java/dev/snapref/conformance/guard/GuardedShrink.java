package dev.snapref.conformance.guard;

import dev.snapref.conformance.shrink.Shrinker;
import dev.snapref.scenario.Script;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Shrinks the script a phase crashed on, against the phase's own re-run ({@link ScriptRerun}):
 * a candidate is kept when re-running it throws the same way ({@link ThrowableDigest#signature}).
 *
 * <p>Guarantees: never throws (except to pass an interruption of the calling thread on); the
 * result is the input script whenever shrinking is not safe or not possible, with a note saying
 * why: no re-run for the phase, the original does not throw the same way when re-run on its own,
 * the shrink (or a re-run) threw, or it ran longer than its time budget. The work runs on a
 * daemon worker thread, so a re-run that hangs costs the budget and no more (the thread is
 * interrupted and abandoned). Limits: at most {@code maxTests} re-runs; 1-minimal only as far as
 * {@link Shrinker} is.
 */
final class GuardedShrink {
    /** The shrunk script and how the shrink went. */
    record Result(Script script, String note) {
    }

    private GuardedShrink() {
    }

    static Result shrink(Script failing, long seed, ThrowableDigest want, ScriptRerun rerun, int maxTests,
                         long budgetMillis) {
        if (rerun == null || maxTests <= 0) {
            return new Result(failing, "not shrunk: this phase cannot re-run one script on its own");
        }
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "crash-shrink");
            t.setDaemon(true);
            return t;
        });
        Future<Result> f = worker.submit(() -> work(failing, seed, want, rerun, maxTests));
        try {
            return f.get(budgetMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Result(failing, "not shrunk: shrinking took longer than " + budgetMillis / 1000.0 + " s");
        } catch (ExecutionException e) {
            return new Result(failing, "not shrunk: the shrink threw " + ThrowableDigest.of(e).headline());
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw Severity.rethrow(e);
        } finally {
            worker.shutdownNow();
        }
    }

    /** On the worker: reproduce, then shrink; any throwable keeps the unshrunk script. */
    private static Result work(Script failing, long seed, ThrowableDigest want, ScriptRerun rerun, int maxTests) {
        try {
            Optional<ThrowableDigest> first = rerunDigest(rerun, failing, seed);
            if (first.isEmpty() || !first.get().signature().equals(want.signature())) {
                return new Result(failing, "not shrunk: re-running the script on its own "
                        + first.map(d -> "throws " + d.signature()).orElse("does not throw") + ", not "
                        + want.signature());
            }
            Shrinker shrinker = new Shrinker(s -> rerunDigest(rerun, s, seed)
                    .map(d -> d.signature().equals(want.signature())).orElse(false), maxTests);
            Script small = shrinker.shrink(failing);
            return new Result(small, "shrunk " + failing.commands().size() + " -> " + small.commands().size()
                    + " steps in " + shrinker.testsRun() + " re-runs (each threw " + want.signature() + ")");
        } catch (Throwable t) {
            return new Result(failing, "not shrunk: the shrink threw " + ThrowableDigest.of(t).headline());
        }
    }

    /** The digest of what re-running {@code s} throws, or empty. Fatal errors end the shrink. */
    private static Optional<ThrowableDigest> rerunDigest(ScriptRerun rerun, Script s, long seed) {
        try {
            return rerun.run(s, seed).map(ThrowableDigest::of);
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
                throw t;
            }
            return Optional.of(ThrowableDigest.of(t));
        }
    }
}
