package dev.snapref.conformance.conform;

import dev.snapref.conformance.check.CheckResult;
import dev.snapref.conformance.check.DifferentialChecker;
import dev.snapref.conformance.check.Failure;
import dev.snapref.conformance.clause.Clause;
import dev.snapref.conformance.clause.StepContext;
import dev.snapref.conformance.diff.Divergence;
import dev.snapref.conformance.diff.TranscriptComparison;
import dev.snapref.conformance.fuzz.FuzzCampaign;
import dev.snapref.conformance.fuzz.FuzzFailure;
import dev.snapref.conformance.fuzz.FuzzSummary;
import dev.snapref.conformance.fuzz.Shard;
import dev.snapref.conformance.gen.GeneratorConfig;
import dev.snapref.conformance.gen.ScriptGenerator;
import dev.snapref.conformance.fuzz.Seeds;
import dev.snapref.conformance.report.ConformanceReport;
import dev.snapref.conformance.targets.engine.EngineTarget;
import dev.snapref.conformance.targets.OutOfScope;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.conformance.targets.Target;
import dev.snapref.conformance.targets.TargetRun;
import dev.snapref.conformance.targets.TargetSession;
import dev.snapref.model.WorldAbstraction;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.Transcript;
import dev.snapref.scenario.TranscriptStep;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One conformance run of a target against the spec: the scenario corpus (checked against the
 * model and against the kernel's recorded transcripts), scripts derived from the explorer's
 * state graph, and a timed fuzz campaign; every step's clauses are counted and every failure
 * is attributed to the most specific clause its step exercises. For the engine, short campaigns
 * of the three fault modes follow ({@link FaultModeRuns}: crash, faults, corrupt images; 10% of
 * the fuzz seconds each, at least 2 s), counted against their own clauses.
 */
public final class ConformanceRun {
    /** What to run. */
    public record Config(String bug, double fuzzSeconds, long seed, List<Path> corpusDirs, Path out,
                         List<Script> explorerScripts) {
    }

    private final Config config;
    private final SteppableTarget model;
    private final Target candidate;
    private final ClauseEvidence evidence = new ClauseEvidence();
    private final List<String> notes = new ArrayList<>();
    private long commands;
    private SteppableTarget correctCandidate;
    private int corpusDiverged;

    public ConformanceRun(Config config, SteppableTarget model, Target candidate) {
        this.config = config;
        this.model = model;
        this.candidate = candidate;
    }

    /** With a bug switch on: the correct candidate, so that shrunk reproducers isolate the bug. */
    public ConformanceRun withCorrectCandidate(SteppableTarget correct) {
        this.correctCandidate = correct;
        return this;
    }

    public ConformanceReport run(PrintStream progress) {
        long start = System.nanoTime();
        String date = Instant.now().toString();
        List<CorpusScript> corpus = Corpus.load(config.corpusDirs());
        long fuzzScripts;
        if (candidate instanceof SteppableTarget steppable) {
            DifferentialChecker checker = new DifferentialChecker(model, steppable, true);
            runCorpus(checker, corpus);
            runExplorerScripts(checker);
            fuzzScripts = runFuzz(checker, progress);
            if (candidate instanceof EngineTarget engine) {
                List<String> modes = FaultModeRuns.run(config.seed(), config.fuzzSeconds(), engine.bugs(),
                        config.bug(), config.out(), model, evidence);
                if (progress != null) {
                    modes.forEach(progress::println);
                }
                notes.addAll(modes);
            }
        } else {
            runBatch(corpus);
            fuzzScripts = 0;
            notes.add("target " + candidate.name() + " is checked on the corpus and explorer scripts only "
                    + "(transcripts against the model's; no step-wise refinement)");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new ConformanceReport(candidate.name(), config.bug(), date, evidence.results(), corpus.size(),
                corpusDiverged, config.explorerScripts().size(), fuzzScripts, commands, seconds,
                evidence.transitions(), notes);
    }

    private void runCorpus(DifferentialChecker checker, List<CorpusScript> corpus) {
        for (CorpusScript cs : corpus) {
            List<StepContext> contexts = new ArrayList<>();
            checker.observe(ctx -> {
                contexts.add(ctx);
                evidence.step(ctx, cs.name());
            });
            CheckResult r = checker.check(cs.script());
            commands += r.stepsChecked();
            if (r.outOfScope().isPresent()) {
                notes.add("corpus " + cs.name() + " skipped: " + r.outOfScope().get());
                continue;
            }
            boolean bad = false;
            if (r.failure().isPresent()) {
                Failure f = r.failure().get();
                evidence.fail(f.clause(), "corpus " + cs.name() + ": " + f.kind() + " at step " + (f.step() + 1) + ": "
                        + f.command());
                bad = true;
            } else if (cs.recorded().isPresent()) {
                bad = compareRecorded(cs, r.candidate(), contexts);
            }
            corpusDiverged += bad ? 1 : 0;
        }
    }

    private boolean compareRecorded(CorpusScript cs, Transcript got, List<StepContext> contexts) {
        Optional<Divergence> d = TranscriptComparison.compare(cs.script(), "kernel", cs.recorded().get(),
                candidate.name(), got);
        if (d.isEmpty()) {
            return false;
        }
        int i = d.get().step();
        Clause c = i < contexts.size() ? ClauseEvidence.clausesOf(contexts.get(i)).get(0) : Clause.GEN_1;
        evidence.fail(c, "corpus " + cs.name() + ": differs from the recorded kernel transcript at "
                + d.get().summary());
        return true;
    }

    private void runExplorerScripts(DifferentialChecker checker) {
        checker.observe(ctx -> evidence.step(ctx, null));
        for (Script s : config.explorerScripts()) {
            CheckResult r = checker.check(s);
            commands += r.stepsChecked();
            r.failure().ifPresent(f -> evidence.fail(f.clause(), "explorer script " + s.name() + ": " + f.kind()
                    + " at step " + (f.step() + 1) + ": " + f.command()));
        }
    }

    private long runFuzz(DifferentialChecker checker, PrintStream progress) {
        if (config.fuzzSeconds() <= 0) {
            return 0;
        }
        checker.observe(ctx -> evidence.step(ctx, null));
        FuzzCampaign.Config fc = new FuzzCampaign.Config(config.seed(), Long.toString(config.seed()), null,
                config.fuzzSeconds(), Shard.ALL, config.out() == null ? null : config.out().resolve("reproducers"),
                config.bug(), GeneratorConfig.defaults(), 400, false);
        FuzzCampaign campaign = new FuzzCampaign(fc, model, checker, progress);
        if (correctCandidate != null) {
            campaign.withBaseline(new DifferentialChecker(model, correctCandidate, true));
        }
        FuzzSummary s = campaign.run();
        commands += s.commands();
        for (FuzzFailure f : campaign.found()) {
            Clause c = Clause.byId(f.clause()).orElse(Clause.GEN_1);
            evidence.fail(c, "fuzz seed " + Long.toUnsignedString(f.seed()) + ": " + f.signature() + ", shrunk "
                    + f.originalSteps() + " -> " + f.shrunkSteps() + " steps"
                    + (f.reproducer() == null ? "" : ", reproducer " + f.reproducer()));
        }
        notes.add(String.format("fuzz: seed %d, %d scripts, %d commands, %.0f checked commands/s, %d failures",
                config.seed(), s.scripts(), s.commands(), s.commandsPerSecond(), s.failures().size()));
        return s.scripts();
    }

    /** A target that cannot step (the kernel): whole transcripts against the model's, clauses from the model. */
    private void runBatch(List<CorpusScript> corpus) {
        List<Script> scripts = new ArrayList<>();
        corpus.forEach(c -> scripts.add(c.script()));
        scripts.addAll(config.explorerScripts());
        List<TargetRun> runs = candidate.runAll(scripts);
        for (int k = 0; k < scripts.size(); k++) {
            String name = k < corpus.size() ? corpus.get(k).name() : null;
            List<StepContext> contexts;
            Transcript ref;
            String refName = "model";
            try {
                contexts = modelContexts(scripts.get(k), name);
                ref = new Transcript(contexts.stream().map(StepContext::step).toList());
            } catch (OutOfScope e) {
                Optional<Transcript> rec = k < corpus.size() ? corpus.get(k).recorded() : Optional.empty();
                notes.add((name == null ? scripts.get(k).name() : "corpus " + name) + ": " + e.getMessage()
                        + (rec.isPresent() ? "; compared with the recorded kernel transcript instead" : "; skipped"));
                if (rec.isEmpty()) {
                    continue;
                }
                contexts = List.of();
                ref = rec.get();
                refName = "recorded";
            }
            Optional<Divergence> d = TranscriptComparison.compare(scripts.get(k), refName, ref, candidate.name(),
                    runs.get(k).transcript());
            if (d.isPresent()) {
                int i = d.get().step();
                Clause c = i < contexts.size() ? ClauseEvidence.clausesOf(contexts.get(i)).get(0) : Clause.GEN_1;
                evidence.fail(c, (name == null ? scripts.get(k).name() : "corpus " + name) + ": " + d.get().summary());
                corpusDiverged += k < corpus.size() ? 1 : 0;
            }
        }
    }

    private List<StepContext> modelContexts(Script s, String scenario) {
        List<StepContext> out = new ArrayList<>();
        try (TargetSession m = model.open()) {
            WorldAbstraction before = m.world();
            for (Command c : s.commands()) {
                TranscriptStep step = m.apply(c);
                WorldAbstraction after = m.world();
                StepContext ctx = new StepContext(c, step, before, after);
                evidence.step(ctx, scenario);
                out.add(ctx);
                before = after;
                commands++;
            }
        }
        return out;
    }

    /** Scripts generated by the fuzzer's generator for a batch target, when asked for. */
    public static List<Script> generated(SteppableTarget model, long seed, int count) {
        ScriptGenerator gen = new ScriptGenerator(GeneratorConfig.defaults());
        List<Script> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(gen.generate(Seeds.scriptSeed(seed, i), model::open));
        }
        return out;
    }
}
