package dev.snapref.conformance.guard;

import dev.snapref.scenario.Script;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the phases of a run (conformance, fuzz campaign) so that no throwable of the code under
 * test ends the run: a throwable becomes a {@link PhaseCrash} (which the caller fails a clause
 * with), with a reproducer naming the phase, seed, exception and top engine frames, and carrying
 * the script that was running when it threw (the phase names it with {@link #at}), shrunk against
 * the phase's re-run when one is given ({@link GuardedShrink}). Also records throwables caught
 * elsewhere, per script ({@link #record}).
 *
 * <p>What is caught follows {@link Severity}: failures are recorded and the run goes on;
 * interruptions are rethrown; a fatal error ({@link OutOfMemoryError} ...) is recorded without
 * shrinking or re-running, and every later {@link #run} is skipped (listed by {@link #skipped}).
 * Guarantees: {@link #run} and {@link #record} throw only interruptions; writing the reproducer is
 * itself guarded (a failure to write is noted in the crash, not thrown). State transitions:
 * not aborted to aborted, once, on the first fatal error. Limits: one thread (the run's) calls
 * it; without a reproducer folder nothing is written and nothing is shrunk.
 */
public final class PhaseGuard {
    /** Re-runs a shrink may use, and how long it may take. */
    static final int SHRINK_TESTS = 300;
    static final long SHRINK_MILLIS = 30_000;

    private final Path reproducers;
    private final String bug;
    private Script current;
    private long currentSeed;
    private String currentSource = "";
    private boolean aborted;
    private final List<String> skipped = new ArrayList<>();

    /**
     * @param reproducers where crash reproducers go (null: none are written, none shrunk)
     * @param bug         the engine bug switch that is on (named in the reproducers), or null
     */
    public PhaseGuard(Path reproducers, String bug) {
        this.reproducers = reproducers;
        this.bug = bug;
    }

    /** Names the script the running phase works on now (generated from, or checked with, {@code seed}). */
    public void at(Script script, long seed, String source) {
        this.current = script;
        this.currentSeed = seed;
        this.currentSource = source;
    }

    /**
     * Runs phase {@code phase}; empty when it completed (or was skipped after a fatal error), else
     * the crash it ended with.
     */
    public Optional<PhaseCrash> run(String phase, long seed, ScriptRerun rerun, Runnable body) {
        if (aborted) {
            skipped.add(phase);
            return Optional.empty();
        }
        at(null, seed, "");
        try {
            body.run();
            return Optional.empty();
        } catch (Throwable t) {
            Severity s = Severity.of(t);
            if (s == Severity.INTERRUPTION) {
                Severity.rethrowIfNotFailure(t);
            }
            Script script = current;
            long scriptSeed = current == null ? seed : currentSeed;
            return Optional.of(record(phase, scriptSeed, current == null ? "" : currentSource, script,
                    ThrowableDigest.of(t), s == Severity.FATAL, rerun));
        } finally {
            at(null, 0, "");
        }
    }

    /** {@link #record(String, long, String, Script, ThrowableDigest, boolean, ScriptRerun)} of a caught throwable. */
    public PhaseCrash record(String phase, long seed, String source, Script script, Throwable t, ScriptRerun rerun) {
        Severity s = Severity.of(t);
        if (s == Severity.INTERRUPTION) {
            Severity.rethrowIfNotFailure(t);
        }
        return record(phase, seed, source, script, ThrowableDigest.of(t), s == Severity.FATAL, rerun);
    }

    /**
     * Records a crash of {@code phase} on {@code script} (null: none was running): shrinks it
     * unless fatal, writes the reproducer, and aborts the run's later phases when fatal.
     */
    public PhaseCrash record(String phase, long seed, String source, Script script, ThrowableDigest cause,
                             boolean fatal, ScriptRerun rerun) {
        boolean before = aborted;
        aborted |= fatal;
        assert aborted == (before || fatal) : "aborted only ever goes from false to true";
        Script small = script;
        String note = script == null ? "no script" : "not shrunk: no reproducer folder";
        if (script != null && fatal) {
            note = "not shrunk: a fatal error is not re-run";
        } else if (script != null && reproducers != null) {
            GuardedShrink.Result r = GuardedShrink.shrink(script, seed, cause, rerun, SHRINK_TESTS, SHRINK_MILLIS);
            small = r.script();
            note = r.note();
        }
        String seedText = Long.toUnsignedString(seed);
        Path file = null;
        String fileNote = "";
        if (reproducers != null) {
            try {
                String label = source.isEmpty() ? seedText : seedText + "-" + source;
                file = CrashReproducer.write(reproducers, label, new CrashReproducer.Content(phase, seedText,
                        source, bug, cause, small, note));
            } catch (Throwable t) {
                Severity.rethrowIfNotFailure(t);
                fileNote = "reproducer not written: " + ThrowableDigest.of(t).headline();
            }
        }
        return new PhaseCrash(phase, seedText, source, cause, fatal, script == null ? -1 : script.commands().size(),
                small == null ? -1 : small.commands().size(), note, file, fileNote);
    }

    /** Whether a fatal error ended the run's phases. */
    public boolean aborted() {
        return aborted;
    }

    /** The phases {@link #run} skipped after a fatal error, in order. */
    public List<String> skipped() {
        return List.copyOf(skipped);
    }
}
