package dev.snapref.conformance.fuzz;

import dev.snapref.conformance.check.CheckResult;
import dev.snapref.conformance.check.DifferentialChecker;
import dev.snapref.conformance.check.Failure;
import dev.snapref.conformance.clause.Clause;
import dev.snapref.conformance.gen.GeneratorConfig;
import dev.snapref.conformance.gen.ScriptGenerator;
import dev.snapref.conformance.shrink.Shrinker;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.scenario.Script;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
    private DifferentialChecker baseline;

    public FuzzCampaign(Config config, SteppableTarget model, DifferentialChecker checker, PrintStream progress) {
        this.config = config;
        this.model = model;
        this.checker = checker;
        this.progress = progress;
    }

    /** Runs the campaign; the summary lists every failure found (shrunk). */
    public FuzzSummary run() {
        ScriptGenerator gen = new ScriptGenerator(config.generator());
        Map<String, Long> hits = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Set<String> signatures = new HashSet<>();
        ProgressBar bar = new ProgressBar(progress, config.scripts(), config.seconds());
        long start = System.nanoTime();
        long commands = 0;
        long n = 0;
        while (!done(n, start)) {
            long index = config.shard().scriptIndex(n);
            long seed = Seeds.scriptSeed(config.seed(), index);
            Script script = gen.generate(seed, model::open);
            CheckResult r = checker.check(script);
            commands += r.stepsChecked();
            r.clauseHits().forEach((c, k) -> hits.merge(c.id(), (long) k, Long::sum));
            if (r.failure().isPresent() && signatures.add(r.failure().get().signature())) {
                FuzzFailure ff = shrinkAndWrite(index, seed, r);
                found.add(ff);
                failures.add(describe(ff));
                if (config.stopAtFirstFailure()) {
                    n++;
                    break;
                }
            }
            n++;
            bar.update(n, commands, hits.size(), failures.size(), System.nanoTime() - start);
        }
        bar.finish();
        return new FuzzSummary(config.seedText(), config.shard().toString(), n, commands, System.nanoTime() - start,
                hits, failures);
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

    /** Shrinks a failing script (same failure signature) and writes the reproducer. */
    public FuzzFailure shrinkAndWrite(long index, long seed, CheckResult failing) {
        Failure f = failing.failure().orElseThrow();
        Shrinker shrinker = new Shrinker(s -> checker.check(s).failure()
                .map(g -> g.signature().equals(f.signature())).orElse(false)
                && (baseline == null || baseline.check(s).passed()), config.shrinkTests());
        Script small = shrinker.shrink(failing.script());
        CheckResult shrunk = checker.check(small);
        if (shrunk.failure().isEmpty()) {
            shrunk = failing;
        }
        String id = "fail-" + Long.toHexString(seed);
        Path file = null;
        if (config.out() != null) {
            try {
                file = Reproducer.write(config.out(), id, seed, model.name(), checker.candidateName(), config.bug(),
                        shrunk);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new FuzzFailure(index, seed, f.signature(), shrunk.failure().orElseThrow().clause().id(),
                failing.script().commands().size(), shrunk.script().commands().size(), file);
    }

    private static String describe(FuzzFailure f) {
        return "script=" + f.scriptIndex() + " seed=" + Long.toUnsignedString(f.seed()) + " clause=" + f.clause()
                + " " + f.signature() + " steps=" + f.originalSteps() + "->" + f.shrunkSteps()
                + (f.reproducer() == null ? "" : " reproducer=" + f.reproducer());
    }

    /** The number of clauses a summary's coverage is counted against. */
    public static int clausesKnown() {
        return Clause.values().length;
    }
}
