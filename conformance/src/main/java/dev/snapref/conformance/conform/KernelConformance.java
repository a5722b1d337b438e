package dev.snapref.conformance.conform;

import dev.snapref.conformance.batch.BatchChecker;
import dev.snapref.conformance.batch.BatchOutcome;
import dev.snapref.conformance.batch.BatchReproducer;
import dev.snapref.conformance.clause.Clause;
import dev.snapref.conformance.clause.StepContext;
import dev.snapref.conformance.diff.Divergence;
import dev.snapref.conformance.diff.TranscriptComparison;
import dev.snapref.conformance.kernel.KernelTarget;
import dev.snapref.conformance.kernel.KnownDifferences;
import dev.snapref.conformance.report.ConformanceReport;
import dev.snapref.conformance.report.KernelColumn;
import dev.snapref.conformance.targets.OutOfScope;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.Transcript;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One kernel held against the spec: the scenario corpus, the explorer's scripts and N generated
 * scripts (the fuzzer's, by seed) run on the kernel in one go (several per boot, parallel
 * guests), each transcript compared with the model's (or, for scripts outside the model's scope,
 * with the recorded kernel transcript); clauses are those the model's run exercises. The first
 * divergence of each signature among generated scripts is shrunk on the kernel and written as a
 * reproducer under {@code OUT/reproducers/}.
 *
 * <p>Guarantees: a script the kernel did not finish is listed as unfinished, never as a failure;
 * every transcript is kept ({@link Result#transcripts}) for comparing kernels.
 */
public final class KernelConformance {
    /** What to run on each kernel. */
    public record Config(List<Path> corpusDirs, List<Script> explorerScripts, long seed, int generated, Path out,
                         int shrinkBatches) {
    }

    /** A kernel's column of the matrix, and every script and transcript by label. */
    public record Result(KernelColumn column, Map<String, Script> scripts, Map<String, Transcript> transcripts) {
    }

    private final Config config;
    private final SteppableTarget model;
    private final KernelTarget kernel;
    private final ClauseEvidence evidence = new ClauseEvidence();
    private final List<String> notes = new ArrayList<>();
    private final List<String> unfinished = new ArrayList<>();
    private long commands;
    private int corpusDiverged;
    private KnownDifferences known = KnownDifferences.NONE;
    private int knownDifferences;

    public KernelConformance(Config config, SteppableTarget model, KernelTarget kernel) {
        this.config = config;
        this.model = model;
        this.kernel = kernel;
    }

    public Result run(PrintStream progress) {
        long start = System.nanoTime();
        String date = Instant.now().toString();
        List<CorpusScript> corpus = Corpus.load(config.corpusDirs());
        Map<String, Script> scripts = new LinkedHashMap<>();
        Map<String, Optional<Transcript>> recorded = new LinkedHashMap<>();
        corpus.forEach(c -> {
            scripts.put("corpus " + c.name(), c.script());
            recorded.put("corpus " + c.name(), c.recorded());
        });
        config.explorerScripts().forEach(s -> scripts.put("explorer " + s.name(), s));
        ConformanceRun.generated(model, config.seed(), config.generated()).forEach(s -> scripts.put("generated "
                + s.name(), s));
        if (progress != null) {
            progress.printf("kernel %s: %d scripts (%d corpus, %d explorer, %d generated)%n", label(), scripts.size(),
                    corpus.size(), config.explorerScripts().size(), config.generated());
        }
        BatchChecker checker = new BatchChecker(model, kernel);
        List<String> labels = new ArrayList<>(scripts.keySet());
        List<BatchOutcome> outcomes = checker.check(new ArrayList<>(scripts.values()));
        known = knownDifferences(); // the release is known once a guest has booted
        checker.useKnownDifferences(known);
        outcomes = checker.rejudge(outcomes);
        Map<String, Transcript> transcripts = new LinkedHashMap<>();
        Set<String> shrunk = new HashSet<>();
        for (int i = 0; i < outcomes.size(); i++) {
            BatchOutcome o = outcomes.get(i);
            String label = labels.get(i);
            o.candidate().ifPresent(t -> transcripts.put(label, t));
            judge(label, o, recorded.getOrDefault(label, Optional.empty()), checker, shrunk);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!known.isEmpty()) {
            notes.add(knownDifferences + " scripts differ from the model only as " + known.source()
                    + " states (known differences of this kernel series, not failures)");
        }
        notes.add(String.format("%d scripts on %s in %.0f s (%.1f scripts/min); generated scripts: seed %d",
                scripts.size(), label(), seconds, scripts.size() * 60 / Math.max(seconds, 1e-9), config.seed()));
        ConformanceReport report = new ConformanceReport("kernel " + label(), null, date, evidence.results(),
                corpus.size(), corpusDiverged, config.explorerScripts().size(), config.generated(), commands, seconds,
                evidence.transitions(), notes);
        KernelColumn column = new KernelColumn(label(), kernel.release().orElse(""), kernel.targetVersions(), report,
                unfinished);
        return new Result(column, scripts, transcripts);
    }

    private String label() {
        return kernel.guest().description();
    }

    /** Counts one script's clauses and judges its kernel transcript. */
    private void judge(String label, BatchOutcome o, Optional<Transcript> recorded, BatchChecker checker,
                       Set<String> shrunk) {
        boolean corpus = label.startsWith("corpus ");
        String scenario = corpus ? label.substring("corpus ".length()) : null;
        List<StepContext> contexts = o.model().isPresent() ? modelContexts(o.script(), scenario) : List.of();
        if (o.candidate().isEmpty()) {
            unfinished.add(label + ": " + o.problem().orElse("not run"));
            return;
        }
        Optional<Divergence> d = o.divergence();
        if (o.knownOnly()) {
            knownDifferences++;
            notes.add(label + ": known difference (" + known.source() + ")");
            return;
        }
        if (o.otherRaceOutcome()) {
            notes.add(label + ": the kernel took another outcome of the split-write race the model states "
                    + "(SplitWriteRace; legal, not a failure)");
            return;
        }
        if (o.model().isEmpty()) {
            if (recorded.isEmpty()) {
                notes.add(label + ": " + o.problem().orElse("outside the model's scope") + "; skipped");
                return;
            }
            notes.add(label + ": outside the model's scope; compared with the recorded kernel transcript");
            d = TranscriptComparison.compare(o.script(), "recorded", recorded.get(), "kernel", o.candidate().get());
            if (d.isPresent() && isKnown(o, recorded.get())) {
                knownDifferences++;
                notes.add(label + ": known difference (" + known.source() + "): " + d.get().summary());
                return;
            }
        }
        if (d.isEmpty()) {
            return;
        }
        int step = d.get().step();
        Clause c = step < contexts.size() ? ClauseEvidence.clausesOf(contexts.get(step)).get(0) : Clause.GEN_1;
        String where = "";
        if (label.startsWith("generated ") && o.diverged() && shrunk.add(o.signature().get())) {
            where = reproducer(label, o, checker);
        }
        evidence.fail(c, label + ": " + d.get().summary() + where);
        corpusDiverged += corpus ? 1 : 0;
    }

    /** The rules of this kernel's series, if its goldens folder has them. */
    private KnownDifferences knownDifferences() {
        try {
            return KnownDifferences.forRelease(config.corpusDirs(), kernel.release().orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The kernel's transcript equals the recorded one (for a script outside the model's scope; the
     * checker applies the rules against the model's) once the series' known differences are applied.
     */
    private boolean isKnown(BatchOutcome o, Transcript reference) {
        if (known.isEmpty()) {
            return false;
        }
        Transcript normalised = known.normalise(o.candidate().orElseThrow());
        return TranscriptComparison.compare(o.script(), "reference", reference, "kernel", normalised).isEmpty();
    }

    private String reproducer(String label, BatchOutcome o, BatchChecker checker) {
        BatchOutcome small = checker.shrink(o, config.shrinkBatches());
        if (config.out() == null) {
            return ", shrunk to " + small.script().commands().size() + " commands";
        }
        try {
            String name = label.substring(label.lastIndexOf(' ') + 1);
            long seed = name.startsWith("seed-") ? Long.parseUnsignedLong(name.substring(5)) : 0;
            Path p = BatchReproducer.write(config.out().resolve("reproducers"), "kernel-" + name, seed, label(), small, o,
                    known);
            return ", shrunk to " + small.script().commands().size() + " commands: " + p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<StepContext> modelContexts(Script s, String scenario) {
        List<StepContext> out = new ArrayList<>();
        try {
            ModelSteps.run(model, s, ctx -> {
                evidence.step(ctx, scenario);
                out.add(ctx);
                commands++;
            });
        } catch (OutOfScope e) {
            return List.of();
        }
        return out;
    }
}
