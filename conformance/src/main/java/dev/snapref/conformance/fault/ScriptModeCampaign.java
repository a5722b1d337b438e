package dev.snapref.conformance.fault;

import dev.snapref.conformance.fuzz.FuzzCampaign;
import dev.snapref.conformance.fuzz.Seeds;
import dev.snapref.conformance.gen.ScriptGenerator;
import dev.snapref.conformance.guard.PhaseGuard;
import dev.snapref.conformance.guard.ScriptRerun;
import dev.snapref.conformance.guard.Severity;
import dev.snapref.conformance.guard.ThrowableDigest;
import dev.snapref.conformance.shrink.Shrinker;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.scenario.Script;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ObjLongConsumer;

/**
 * A campaign of one script-based fault mode with plain fuzzing's machinery: script k from
 * {@link Seeds#scriptSeed} and the model-guided generator, shards, a script or time bound,
 * shrinking of every new failure signature ({@link Shrinker}) and a reproducer
 * {@code DIR/MODE-SEED.dms} whose header names the mode, seed, bug and finding. A check that
 * throws is a finding ({@code MODE:java-exception:CLASS}, its reproducer naming the exception's
 * class, message and top engine frames); one that runs longer than {@value #HANG_SECONDS} s is a
 * hang ({@code MODE:hang}). Whatever else throws for a script (the mode's description of it for
 * the reproducer, the shrink, the reproducer's file) never ends the campaign: see {@link #run}.
 */
public final class ScriptModeCampaign {
    static final int HANG_SECONDS = 30;

    private final FuzzCampaign.Config config;
    private final ScriptMode mode;
    private final SteppableTarget model;
    private final List<Path> reproducers = new ArrayList<>();
    private ObjLongConsumer<Script> onScript = (s, seed) -> { };
    private final ExecutorService worker = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-check");
        t.setDaemon(true);
        return t;
    });

    public ScriptModeCampaign(FuzzCampaign.Config config, ScriptMode mode, SteppableTarget model) {
        this.config = config;
        this.mode = mode;
        this.model = model;
    }

    /** The reproducers the last run wrote. */
    public List<Path> reproducers() {
        return List.copyOf(reproducers);
    }

    /**
     * Runs the campaign. Never throws for the code under test: a check that throws or hangs is a
     * finding ({@link #check}); a throwable that escapes anything else done for one script (its
     * generation, shrink, description or reproducer) is a failure of that script with a crash
     * reproducer ({@link PhaseGuard#record}), one per distinct throw, and the campaign goes on.
     * Interruptions and fatal errors ({@link Severity}) are passed on.
     */
    public ModeSummary run() {
        ScriptGenerator gen = mode.withStacks() ? new ScriptGenerator(config.generator()).withStacks()
                : new ScriptGenerator(config.generator());
        Map<String, Long> counts = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Set<String> signatures = new HashSet<>();
        PhaseGuard crashes = new PhaseGuard(config.out(), config.bug());
        long start = System.nanoTime();
        long n = 0;
        try {
            while (config.scripts() != null ? n < config.scripts() : (System.nanoTime() - start) / 1e9 < config.seconds()) {
                long index = config.shard().scriptIndex(n);
                long seed = Seeds.scriptSeed(config.seed(), index);
                n++;
                int before = failures.size();
                Script[] script = new Script[1];
                try {
                    runOne(gen, index, seed, script, counts, failures, signatures);
                } catch (Throwable t) {
                    Severity.rethrowIfNotFailure(t);
                    ThrowableDigest d = ThrowableDigest.of(t);
                    if (signatures.add(mode.name() + ":escaped:" + d.signature())) {
                        failures.add(crashes.record(mode.name(), seed, mode.name() + " script " + index + " seed "
                                + Long.toUnsignedString(seed), script[0], d, false, rerun()).summary());
                    }
                }
                if (config.stopAtFirstFailure() && failures.size() > before) {
                    break;
                }
            }
        } finally {
            worker.shutdownNow();
        }
        return new ModeSummary(mode.name(), config.seedText(), config.shard().toString(), n, counts, failures,
                System.nanoTime() - start);
    }

    private void runOne(ScriptGenerator gen, long index, long seed, Script[] script, Map<String, Long> counts,
                        List<String> failures, Set<String> signatures) {
        script[0] = mode.prepare(gen.generate(seed, model::open), seed);
        onScript.accept(script[0], seed);
        Optional<Finding> f = check(script[0], seed, counts);
        if (f.isPresent()) {
            counts.merge("scripts-failed", 1L, Long::sum);
        }
        if (f.isPresent() && signatures.add(f.get().signature())) {
            failures.add(shrinkAndWrite(index, seed, script[0], f.get()));
        }
    }

    /** Calls {@code hook} with every script (and its seed) before it is checked, e.g. {@link PhaseGuard#at}. */
    public ScriptModeCampaign onScript(ObjLongConsumer<Script> hook) {
        this.onScript = hook;
        return this;
    }

    /**
     * What this mode does for one script, unguarded, for shrinking a crash: the check and the
     * reproducer's description, on the calling thread; the throwable they end with, if any.
     */
    public ScriptRerun rerun() {
        return (s, seed) -> {
            mode.check(s, seed, new TreeMap<>());
            mode.describe(s, seed);
            return Optional.empty();
        };
    }

    /**
     * The mode's check with the hang and exception guards: a check that throws is the finding
     * {@code MODE:java-exception:CLASS} (its detail: class, message, top engine frames), one that
     * runs longer than {@value #HANG_SECONDS} s the finding {@code MODE:hang}. A fatal error
     * ({@link Severity#FATAL}) of the check is rethrown, and so is an interruption of this thread.
     */
    Optional<Finding> check(Script script, long seed, Map<String, Long> counts) {
        Map<String, Long> local = new TreeMap<>();
        Future<Optional<Finding>> f = worker.submit(() -> mode.check(script, seed, local));
        try {
            Optional<Finding> r = f.get(HANG_SECONDS, TimeUnit.SECONDS);
            local.forEach((k, v) -> counts.merge(k, v, Long::sum));
            return r;
        } catch (TimeoutException e) {
            f.cancel(true);
            return Optional.of(new Finding(mode.name() + ":hang", "the check did not finish in " + HANG_SECONDS + " s"));
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            if (c instanceof VirtualMachineError && !(c instanceof StackOverflowError)) {
                throw (VirtualMachineError) c;
            }
            ThrowableDigest d = ThrowableDigest.of(c);
            return Optional.of(new Finding(mode.name() + ":java-exception:" + d.simpleName(),
                    String.join("\n", d.describe())));
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Shrinks (a shrink that throws keeps the script) and writes the reproducer (a write that fails is noted). */
    private String shrinkAndWrite(long index, long seed, Script script, Finding f) {
        Shrinker shrinker = new Shrinker(s -> check(s, seed, new TreeMap<>())
                .map(g -> g.signature().equals(f.signature())).orElse(false), config.shrinkTests());
        Script small;
        String note = "";
        try {
            small = shrinker.shrink(script);
        } catch (Throwable t) {
            Severity.rethrowIfNotFailure(t);
            small = script;
            note = " (not shrunk: the shrink threw " + ThrowableDigest.of(t).headline() + ")";
        }
        Finding shrunk = check(small, seed, new TreeMap<>()).orElse(f);
        String id = mode.name() + "-" + Long.toHexString(seed);
        String file = "";
        if (config.out() != null) {
            try {
                Path p = writeReproducer(id, seed, small, shrunk);
                reproducers.add(p);
                file = " reproducer=" + p;
            } catch (IOException e) {
                file = " reproducer-not-written=\"" + e + "\"";
            }
        }
        String exception = f.signature().contains(":java-exception:") ? " (" + exceptionOf(shrunk.detail()) + ")" : "";
        return "script=" + index + " seed=" + Long.toUnsignedString(seed) + " " + f.signature() + " steps="
                + script.commands().size() + "->" + small.commands().size() + file + exception + note;
    }

    /** {@code CLASS: MESSAGE} from a java-exception finding's detail. */
    private static String exceptionOf(String s) {
        return s.lines().map(String::strip).filter(l -> l.startsWith("exception: ") || l.startsWith("message: "))
                .map(l -> l.substring(l.indexOf(": ") + 2)).reduce((a, b) -> a + ": " + b).orElse(s.lines().findFirst().orElse(""));
    }

    private Path writeReproducer(String id, long seed, Script small, Finding f) throws IOException {
        Files.createDirectories(config.out());
        List<String> head = new ArrayList<>();
        head.add("# snapref reproducer " + id);
        head.add("# mode: " + mode.name());
        head.add("# phase: " + mode.name());
        head.add("# seed: " + Long.toUnsignedString(seed));
        head.add("# targets: model,engine");
        head.add("# bug: " + (config.bug() == null ? "none" : config.bug()));
        for (String line : describe(small, seed)) {
            head.add("# " + line);
        }
        head.add("# signature: " + f.signature());
        for (String line : f.detail().split("\n")) {
            head.add("#   " + line);
        }
        head.add("# replay: ./snapref fuzz --" + (mode.name().equals("faults") ? "faults" : mode.name())
                + " --replay FILE" + (config.bug() == null ? "" : " --target engine --bug " + config.bug()));
        Path p = config.out().resolve(id + ".dms");
        Files.writeString(p, String.join("\n", head) + "\n" + small.render());
        return p;
    }

    /**
     * The mode's extra header lines for a reproducer, guarded like {@link #check}: a description
     * that throws (it may run the engine again, e.g. the faults mode's census of cow I/O) or hangs
     * gives one line saying so instead, and the reproducer is written anyway.
     */
    private List<String> describe(Script small, long seed) {
        Future<List<String>> f = worker.submit(() -> mode.describe(small, seed));
        try {
            return f.get(HANG_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return List.of(mode.name() + ": (no description: it did not finish in " + HANG_SECONDS + " s)");
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            Severity.rethrowIfNotFailure(c);
            return List.of(mode.name() + ": (no description: describing the script threw "
                    + ThrowableDigest.of(c).headline() + ")");
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Replays a reproducer: the mode's check of the script with the seed of its header. */
    public Optional<Finding> replay(Script script, long seed) {
        try {
            return check(script, seed, new TreeMap<>());
        } finally {
            worker.shutdownNow();
        }
    }
}
