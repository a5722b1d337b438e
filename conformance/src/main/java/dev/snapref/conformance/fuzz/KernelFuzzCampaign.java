package dev.snapref.conformance.fuzz;

import dev.snapref.conformance.batch.BatchChecker;
import dev.snapref.conformance.batch.BatchOutcome;
import dev.snapref.conformance.batch.BatchReproducer;
import dev.snapref.conformance.clause.Clause;
import dev.snapref.conformance.clause.StepContext;
import dev.snapref.conformance.gen.GeneratorConfig;
import dev.snapref.conformance.gen.ScriptGenerator;
import dev.snapref.conformance.kernel.KnownDifferences;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.conformance.targets.TargetSession;
import dev.snapref.model.WorldAbstraction;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.TranscriptStep;
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
import java.util.function.Supplier;

/**
 * A fuzz campaign against a batch target (the kernel): the same generated scripts as
 * {@link FuzzCampaign} for a seed (script k from {@link Seeds#scriptSeed}, shard-aware), run in
 * batches (several scripts per boot, parallel guests), each transcript compared with the
 * model's once the kernel series' known differences are applied ({@link #withKnownDifferences}):
 * a script they fully explain is counted as a known difference; of any other, the first
 * difference they do not explain is its divergence, and the first divergence of each signature is
 * shrunk on the target (keeping that difference, not a known one before it) and written as a
 * reproducer. A script whose transcript is the model's under another outcome of a race the model
 * states ({@link dev.snapref.conformance.targets.Target#otherOutcomes}) is counted, not a failure.
 * Scripts the kernel could not finish are counted and named, not failures.
 *
 * <p>Deterministic for a seed and script count as far as the kernel is. Limits: transcripts only
 * (no step-wise refinement: the kernel cannot be inspected between commands); a time bound is
 * checked between batches, so a run may overshoot by one batch.
 */
public final class KernelFuzzCampaign {
    private final FuzzCampaign.Config config;
    private final SteppableTarget model;
    private final BatchChecker checker;
    private final String kernel;
    private final PrintStream progress;
    private final List<String> unfinished = new ArrayList<>();
    private int shrinkBatches = 12;
    private Supplier<KnownDifferences> knownSource = () -> KnownDifferences.NONE;
    private KnownDifferences known;
    private int knownDifferences;
    private int otherRaceOutcomes;

    public KernelFuzzCampaign(FuzzCampaign.Config config, SteppableTarget model, BatchChecker checker, String kernel,
                              PrintStream progress) {
        this.config = config;
        this.model = model;
        this.checker = checker;
        this.kernel = kernel;
        this.progress = progress;
    }

    /**
     * The known differences of the kernel's series ({@link KnownDifferences}), asked for once the
     * first batch has booted a guest (the release is known then): a divergence that they explain
     * is counted ({@link #knownDifferences()}), not a failure. Default: none.
     */
    public KernelFuzzCampaign withKnownDifferences(Supplier<KnownDifferences> source) {
        this.knownSource = source;
        return this;
    }

    /** How many scripts differed from the model only as the series' known differences state. */
    public int knownDifferences() {
        return knownDifferences;
    }

    /**
     * How many scripts printed the model's transcript under another outcome of a Linux 6.1 race the
     * model states ({@code dev.snapref.model.SplitWriteRace}), not the reference one: legal, not
     * failures.
     */
    public int otherRaceOutcomes() {
        return otherRaceOutcomes;
    }

    /** Where the known differences came from ("none" when there are none). */
    public String knownDifferencesSource() {
        return known == null ? "none" : known.source();
    }

    /** The most boots one shrink may take (default 12). */
    public KernelFuzzCampaign withShrinkBatches(int n) {
        this.shrinkBatches = n;
        return this;
    }

    /** Scripts the kernel did not finish, with why. */
    public List<String> unfinished() {
        return List.copyOf(unfinished);
    }

    /** Runs the campaign; the summary lists every distinct divergence (shrunk). */
    public FuzzSummary run() {
        ScriptGenerator gen = new ScriptGenerator(config.generator()).withStacks(); // LVM stacks and merges for one seed in three, as the engine fuzzer
        Map<String, Long> hits = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Set<String> signatures = new HashSet<>();
        long start = System.nanoTime();
        long n = 0;
        long commands = 0;
        int batch = Math.max(24, 24 * dev.snapref.conformance.kernel.KernelTarget.jobs());
        while (!done(n, start)) {
            int size = config.scripts() == null ? batch : (int) Math.min(batch, config.scripts() - n);
            List<Script> scripts = new ArrayList<>();
            List<Long> seeds = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                long seed = Seeds.scriptSeed(config.seed(), config.shard().scriptIndex(n + i));
                seeds.add(seed);
                scripts.add(gen.generate(seed, model::open));
            }
            List<BatchOutcome> outcomes = checker.check(scripts);
            if (known == null) {
                known = knownSource.get(); // the release is known once the first batch has booted a guest
                checker.useKnownDifferences(known);
                outcomes = checker.rejudge(outcomes);
            }
            for (int i = 0; i < outcomes.size(); i++) {
                BatchOutcome o = outcomes.get(i);
                commands += o.script().commands().size();
                countClauses(o.script(), hits);
                o.problem().ifPresent(p -> unfinished.add(o.script().name() + ": " + p));
                if (o.knownOnly()) {
                    knownDifferences++;
                } else if (o.otherRaceOutcome()) {
                    otherRaceOutcomes++;
                } else if (o.diverged() && signatures.add(o.signature().get())) {
                    failures.add(shrinkAndWrite(config.shard().scriptIndex(n + i), seeds.get(i), o));
                }
            }
            n += size;
            if (progress != null) {
                progress.printf("kernel fuzz: %d scripts, %d distinct divergences, %d known differences, %d other race"
                        + " outcomes, %.0f s%n", n, failures.size(), knownDifferences, otherRaceOutcomes,
                        (System.nanoTime() - start) / 1e9);
            }
        }
        return new FuzzSummary(config.seedText(), config.shard().toString(), n, commands, System.nanoTime() - start,
                hits, failures);
    }

    private boolean done(long n, long start) {
        if (config.scripts() != null) {
            return n >= config.scripts();
        }
        return (System.nanoTime() - start) / 1e9 >= config.seconds();
    }

    private String shrinkAndWrite(long index, long seed, BatchOutcome failing) {
        BatchOutcome small = checker.shrink(failing, shrinkBatches);
        String where = "";
        if (config.out() != null) {
            try {
                Path p = BatchReproducer.write(config.out(), "kernel-" + Long.toHexString(seed), seed, kernel, small,
                        failing, known);
                where = " reproducer=" + p;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return "script=" + index + " seed=" + Long.toUnsignedString(seed) + " " + small.signature().orElseThrow()
                + " steps=" + failing.script().commands().size() + "->" + small.script().commands().size() + where;
    }

    /** Counts the clauses the model's run of {@code s} exercises (the kernel cannot be inspected). */
    private void countClauses(Script s, Map<String, Long> hits) {
        try (TargetSession m = model.open()) {
            WorldAbstraction before = m.world();
            for (Command c : s.commands()) {
                TranscriptStep step = m.apply(c);
                WorldAbstraction after = m.world();
                StepContext ctx = new StepContext(c, step, before, after);
                for (Clause cl : Clause.values()) {
                    if (cl.exercisedBy(ctx)) {
                        hits.merge(cl.id(), 1L, Long::sum);
                    }
                }
                before = after;
            }
        } catch (dev.snapref.conformance.targets.OutOfScope outOfScope) {
            // a script outside the model's scope counts no clauses
        }
    }
}
