package dev.snapref.conformance.fuzz;

import dev.snapref.conformance.check.CheckResult;
import dev.snapref.conformance.check.DifferentialChecker;
import dev.snapref.conformance.check.Failure;
import dev.snapref.conformance.check.FailureKind;
import dev.snapref.conformance.clause.Clause;
import dev.snapref.conformance.gen.GeneratorConfig;
import dev.snapref.conformance.gen.ScriptGenerator;
import dev.snapref.conformance.guard.PhaseCrash;
import dev.snapref.conformance.guard.PhaseGuard;
import dev.snapref.conformance.guard.ScriptRerun;
import dev.snapref.conformance.guard.Severity;
import dev.snapref.conformance.guard.ThrowableDigest;
import dev.snapref.conformance.shrink.Shrinker;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.scenario.Script;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ObjLongConsumer;

/**
 * A fuzz campaign: generates scripts from the campaign seed (script k from
 * {@link Seeds#scriptSeed}), checks each on the model and the candidate, shrinks every failure
 * to a reproducer. Bounded by a script count or by seconds. Deterministic for a seed and
 * script count: the same scripts, the same failures, the same summary apart from timings.
 */
public final class FuzzCampaign {
    /** How a campaign is bounded and where it writes. */
    public record Config(long seed, String seedText, Long scripts, Double seconds, Shard shard, Path out, String bug,
                         GeneratorConfig generator, int shrinkTests, boolean stopAtFirstFailure) {
    }

    private final Config config;
    private final SteppableTarget model;
    private final DifferentialChecker checker;
    private final PrintStream progress;
    private final List<FuzzFailure> found = new ArrayList<>();
    private final List<PhaseCrash> crashed = new ArrayList<>();
    private DifferentialChecker baseline;
    private ObjLongConsumer<Script> onScript = (s, seed) -> { };
    /** The script being checked now (null before it is generated), for a crash's reproducer. */
    private Script current;

    public FuzzCampaign(Config config, SteppableTarget model, DifferentialChecker checker, PrintStream progress) {
        this.config = config;
        this.model = model;
        this.checker = checker;
        this.progress = progress;
    }

    /**
     * Runs the campaign; the summary lists every failure found (shrunk). Never throws for the code
     * under test: a throwable that escapes one script's check, shrink or reproducer (anything the
     * checker does not already report as a CRASH failure) becomes a failure of that script with a
     * crash reproducer ({@link PhaseGuard#record}), one per distinct throw, and the campaign goes on.
     * Interruptions and fatal errors ({@link Severity}) are passed on.
     */
    public FuzzSummary run() {
        ScriptGenerator gen = new ScriptGenerator(config.generator()).withStacks();
        Map<String, Long> hits = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Set<String> signatures = new HashSet<>();
        ProgressBar bar = new ProgressBar(progress, config.scripts(), config.seconds());
        PhaseGuard crashes = new PhaseGuard(config.out(), config.bug());
        DifferentialChecker quiet = checker.withoutObserver();
        ScriptRerun rerun = (s, sd) -> quiet.crash(s);
        long start = System.nanoTime();
        long commands = 0;
        long n = 0;
        while (!done(n, start)) {
            long index = config.shard().scriptIndex(n);
            long seed = Seeds.scriptSeed(config.seed(), index);
            int before = failures.size();
            current = null;
            try {
                commands += runOne(gen, index, seed, hits, failures, signatures);
            } catch (Throwable t) {
                Severity.rethrowIfNotFailure(t);
                ThrowableDigest d = ThrowableDigest.of(t);
                if (signatures.add("escaped:" + d.signature())) {
                    PhaseCrash c = crashes.record("fuzz", seed, "fuzz script " + index + " seed "
                            + Long.toUnsignedString(seed), current, d, false, rerun);
                    crashed.add(c);
                    failures.add(c.summary());
                }
            }
            n++;
            if (config.stopAtFirstFailure() && failures.size() > before) {
                break;
            }
            bar.update(n, commands, hits.size(), failures.size(), System.nanoTime() - start);
        }
        bar.finish();
        return new FuzzSummary(config.seedText(), config.shard().toString(), n, commands, System.nanoTime() - start,
                hits, failures);
    }

    /** Generates, checks and (on a new failure) shrinks script {@code index}; returns the commands checked. */
    private long runOne(ScriptGenerator gen, long index, long seed, Map<String, Long> hits, List<String> failures,
                        Set<String> signatures) {
        Script script = gen.generate(seed, model::open);
        current = script;
        onScript.accept(script, seed);
        CheckResult r = checker.check(script);
        r.clauseHits().forEach((c, k) -> hits.merge(c.id(), (long) k, Long::sum));
        if (r.failure().isPresent() && signatures.add(r.failure().get().signature())) {
            FuzzFailure ff = shrinkAndWrite(index, seed, r);
            found.add(ff);
            failures.add(describe(ff));
        }
        return r.stepsChecked();
    }

    /** Calls {@code hook} with every script (and its seed) before it is checked, e.g. {@link PhaseGuard#at}. */
    public FuzzCampaign onScript(ObjLongConsumer<Script> hook) {
        this.onScript = hook;
        return this;
    }

    /**
     * For campaigns with a bug switch on: the same check on the correct engine. Shrinking then
     * keeps only scripts that still fail the same way AND pass on the correct engine, so a
     * reproducer isolates the bug instead of drifting to an unrelated divergence.
     */
    public FuzzCampaign withBaseline(DifferentialChecker correct) {
        this.baseline = correct;
        return this;
    }

    /**
     * The throwables that escaped a script's check, shrink or reproducer in the last {@link #run}
     * (one per distinct throw), as recorded with their crash reproducers; also in its failures.
     */
    public List<PhaseCrash> crashed() {
        return List.copyOf(crashed);
    }

    /** The failures the last {@link #run} found, shrunk, in the order found. */
    public List<FuzzFailure> found() {
        return List.copyOf(found);
    }

    private boolean done(long n, long start) {
        if (config.scripts() != null) {
            return n >= config.scripts();
        }
        return (System.nanoTime() - start) / 1e9 >= config.seconds();
    }

    /**
     * Shrinks a failing script (same failure signature) and writes the reproducer. A shrink that
     * throws keeps the unshrunk script; a reproducer that cannot be written is noted, not thrown.
     */
    public FuzzFailure shrinkAndWrite(long index, long seed, CheckResult failing) {
        Failure f = failing.failure().orElseThrow();
        Shrinker shrinker = new Shrinker(s -> checker.check(s).failure()
                .map(g -> g.signature().equals(f.signature())).orElse(false)
                && (baseline == null || baseline.check(s).passed()), config.shrinkTests());
        List<String> notes = new ArrayList<>();
        Script small;
        try {
            small = shrinker.shrink(failing.script());
        } catch (Throwable t) {
            Severity.rethrowIfNotFailure(t);
            small = failing.script();
            notes.add("not shrunk: the shrink threw " + ThrowableDigest.of(t).headline());
        }
        CheckResult shrunk = checker.check(small);
        if (shrunk.failure().isEmpty()) {
            shrunk = failing;
        }
        Failure g = shrunk.failure().orElseThrow();
        if (g.kind() == FailureKind.CRASH) {
            notes.add(0, ThrowableDigest.parse(g.detail()).headline());
        }
        String id = "fail-" + Long.toHexString(seed);
        Path file = null;
        if (config.out() != null) {
            try {
                file = Reproducer.write(config.out(), id, "fuzz", seed, model.name(), checker.candidateName(),
                        config.bug(), shrunk);
            } catch (IOException e) {
                notes.add("reproducer not written: " + e);
            }
        }
        return new FuzzFailure(index, seed, f.signature(), g.clause().id(), failing.script().commands().size(),
                shrunk.script().commands().size(), file, String.join("; ", notes));
    }

    private static String describe(FuzzFailure f) {
        return "script=" + f.scriptIndex() + " seed=" + Long.toUnsignedString(f.seed()) + " clause=" + f.clause()
                + " " + f.signature() + " steps=" + f.originalSteps() + "->" + f.shrunkSteps()
                + (f.reproducer() == null ? "" : " reproducer=" + f.reproducer())
                + (f.note().isEmpty() ? "" : " (" + f.note() + ")");
    }

    /** The number of clauses a summary's coverage is counted against. */
    public static int clausesKnown() {
        return Clause.values().length;
    }
}
