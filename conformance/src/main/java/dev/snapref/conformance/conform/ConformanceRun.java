package dev.snapref.conformance.conform;

import dev.snapref.conformance.check.CheckResult;
import dev.snapref.conformance.check.DifferentialChecker;
import dev.snapref.conformance.check.Failure;
import dev.snapref.conformance.check.FailureKind;
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
import dev.snapref.conformance.guard.PhaseCrash;
import dev.snapref.conformance.guard.PhaseGuard;
import dev.snapref.conformance.guard.ScriptRerun;
import dev.snapref.conformance.guard.Severity;
import dev.snapref.conformance.guard.ThrowableDigest;
import dev.snapref.conformance.fuzz.Seeds;
import dev.snapref.conformance.report.ConformanceReport;
import dev.snapref.conformance.targets.engine.EngineTarget;
import dev.snapref.conformance.targets.OutOfScope;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.conformance.targets.Target;
import dev.snapref.conformance.targets.TargetRun;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.Transcript;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One conformance run of a target against the spec: the scenario corpus (checked against the
 * model and against the kernel's recorded transcripts), scripts derived from the explorer's
 * state graph, and a timed fuzz campaign; every step's clauses are counted and every failure
 * is attributed to the most specific clause its step exercises. For the engine, the deterministic
 * concurrency phase ({@code races}, {@link RacePhase}: races explored schedule by schedule against
 * the model, clause RACE-1) follows the fuzz campaign, then short campaigns of the three fault
 * modes follow ({@link FaultModeRuns}: crash, faults, corrupt images; 10% of
 * the fuzz seconds each, at least 2 s), counted against their own clauses.
 *
 * <p>The run never ends with a throwable of the code under test: every phase ({@code corpus},
 * {@code explorer}, {@code fuzz}, {@code races}, {@code crash}, {@code faults}, {@code corrupt-images}, or
 * {@code batch} for a target that cannot step) runs under one {@link PhaseGuard}, and each script
 * of the corpus and explorer phases under its own guard, so a throwable fails the phase's clause
 * (GEN-1 for the checked phases, the mode's clause for the fault modes) with a crash reproducer in
 * {@code OUT/crash-reproducers} (the script it was on, shrunk by re-running it through a checker),
 * and the run goes on to the next script or phase. A target that throws inside a checked step is
 * a CRASH failure of that step ({@link DifferentialChecker}); its report line names the exception
 * and a reproducer (one per distinct throw). A fatal error ({@link Severity#FATAL}) fails its
 * phase and skips the later ones; an interruption ends the run. Limits: this covers what runs
 * inside {@link #run}; loading the corpus is input, not a phase (a malformed script throws
 * {@link IllegalArgumentException} naming file, line and column).
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
    private final PhaseGuard guard;
    /** The first crash reproducer of each distinct throw of a checked step, by signature. */
    private final Map<String, PhaseCrash> stepCrashes = new HashMap<>();
    private long commands;
    private long fuzzScripts;
    private SteppableTarget correctCandidate;
    private FaultModeCampaigns faultModes;
    private boolean races = true;
    private int corpusDiverged;
    /** Writes reproducers of corpus, explorer and batch failures, reads every reproducer back; set by run. */
    private ScriptReproducers reproducers;

    public ConformanceRun(Config config, SteppableTarget model, Target candidate) {
        this.config = config;
        this.model = model;
        this.candidate = candidate;
        this.guard = new PhaseGuard(config.out() == null ? null : config.out().resolve("crash-reproducers"),
                config.bug());
    }

    /** With a bug switch on: the correct candidate, so that shrunk reproducers isolate the bug. */
    public ConformanceRun withCorrectCandidate(SteppableTarget correct) {
        this.correctCandidate = correct;
        return this;
    }

    /**
     * The fault-mode campaigns to run after fuzzing (default: the engine's, when the candidate is
     * an {@link EngineTarget}; none for other targets).
     */
    public ConformanceRun withFaultModes(FaultModeCampaigns campaigns) {
        this.faultModes = campaigns;
        return this;
    }

    /**
     * Whether the engine's deterministic concurrency phase ({@code races}, {@link RacePhase}) runs
     * (default: yes, when the candidate is an {@link EngineTarget}).
     */
    public ConformanceRun withRaces(boolean on) {
        this.races = on;
        return this;
    }

    /**
     * Records that work done for this run before it started threw (the command deriving the
     * explorer's scripts, say): phase {@code phase} fails GEN-1 with a crash reproducer.
     */
    public ConformanceRun phaseThrew(String phase, Throwable t) {
        evidence.fail(Clause.GEN_1, guard.record(phase, config.seed(), "", null, t, null).summary());
        return this;
    }

    public ConformanceReport run(PrintStream progress) {
        long start = System.nanoTime();
        String date = Instant.now().toString();
        List<CorpusScript> corpus = Corpus.load(config.corpusDirs());
        reproducers = ScriptReproducers.of(model, candidate, correctCandidate, config, guard::aborted);
        if (candidate instanceof SteppableTarget steppable) {
            runChecked(steppable, corpus, progress);
        } else {
            phase("batch", null, () -> runBatch(corpus));
            notes.add("target " + candidate.name() + " is checked on the corpus and explorer scripts only "
                    + "(transcripts against the model's; no step-wise refinement)");
        }
        if (!guard.skipped().isEmpty()) {
            notes.add("phases skipped after a fatal error: " + String.join(", ", guard.skipped()));
        }
        evidence.phase(null);
        notes.addAll(evidence.coverage().notes());
        if (config.out() != null) {
            CoverageJson.write(config.out(), evidence.coverage()).ifPresent(notes::add);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new ConformanceReport(candidate.name(), config.bug(), date, evidence.results(reproducers.explainer()::enrich), corpus.size(),
                corpusDiverged, config.explorerScripts().size(), fuzzScripts, commands, seconds,
                evidence.transitions(), notes);
    }

    private void runChecked(SteppableTarget steppable, List<CorpusScript> corpus, PrintStream progress) {
        DifferentialChecker checker = new DifferentialChecker(model, steppable, true);
        DifferentialChecker quiet = checker.withoutObserver();
        ScriptRerun rerun = (s, seed) -> quiet.crash(s);
        phase("corpus", rerun, () -> runCorpus(checker, corpus, rerun));
        phase("explorer", rerun, () -> runExplorerScripts(checker, rerun));
        phase("fuzz", rerun, () -> fuzzScripts = runFuzz(checker, progress));
        if (races && candidate instanceof EngineTarget engine) {
            evidence.phase("races");
            List<String> r = RacePhase.run(config.seed(), engine.bugs(), config.out(), model, guard, evidence);
            if (progress != null) {
                r.forEach(progress::println);
            }
            notes.addAll(r);
        }
        FaultModeCampaigns modes = faultModes != null ? faultModes
                : candidate instanceof EngineTarget engine ? FaultModeCampaigns.of(engine.bugs()) : null;
        if (modes != null) {
            List<String> m = FaultModeRuns.run(new FaultModeRuns.Context(config.seed(), config.fuzzSeconds(),
                    config.bug(), config.out(), model, guard), modes, evidence);
            if (progress != null) {
                m.forEach(progress::println);
            }
            notes.addAll(m);
        }
    }

    /** Runs a phase under the guard; a throwable that escapes it fails GEN-1. */
    private void phase(String name, ScriptRerun rerun, Runnable body) {
        evidence.phase(name);
        guard.run(name, config.seed(), rerun, body).ifPresent(c -> {
            evidence.fail(Clause.GEN_1, c.summary());
            notes.add(name + ": the phase threw " + c.cause().headline() + " (GEN-1 fails)");
        });
    }

    /** Runs one script of a phase under its own guard: a throwable fails GEN-1, and the phase goes on. */
    private boolean guardedScript(String phase, String source, Script script, ScriptRerun rerun,
                                  java.util.function.BooleanSupplier body) {
        guard.at(script, config.seed(), source);
        try {
            return body.getAsBoolean();
        } catch (Throwable t) {
            Severity.rethrowIfNotFailure(t);
            evidence.fail(Clause.GEN_1, guard.record(phase, config.seed(), source, script, t, rerun).summary());
            return true;
        }
    }

    private void runCorpus(DifferentialChecker checker, List<CorpusScript> corpus, ScriptRerun rerun) {
        for (CorpusScript cs : corpus) {
            String source = "corpus " + cs.name();
            boolean bad = guardedScript("corpus", source, cs.script(), rerun,
                    () -> corpusScript(checker, cs, rerun));
            corpusDiverged += bad ? 1 : 0;
        }
    }

    /** Checks one corpus script; whether it diverged from the model or the recorded kernel. */
    private boolean corpusScript(DifferentialChecker checker, CorpusScript cs, ScriptRerun rerun) {
        List<StepContext> contexts = new ArrayList<>();
        checker.observe(ctx -> {
            contexts.add(ctx);
            evidence.step(ctx, cs.name());
        });
        CheckResult r = checker.check(cs.script());
        commands += r.stepsChecked();
        if (r.outOfScope().isPresent()) {
            notes.add("corpus " + cs.name() + " skipped: " + r.outOfScope().get());
            return false;
        }
        if (r.failure().isPresent()) {
            failStep("corpus", cs.name(), cs.script(), r.failure().get(), rerun);
            return true;
        }
        return cs.recorded().isPresent() && compareRecorded(cs, r.candidate(), contexts);
    }

    /**
     * Fails the clause of a failed step of script {@code name} of {@code phase}: a CRASH names its
     * exception and a crash reproducer; any other failure gets a shrunk reproducer
     * ({@link ScriptReproducers#step}).
     */
    private void failStep(String phase, String name, Script script, Failure f, ScriptRerun rerun) {
        String source = phase + " " + name;
        String what = source + ": " + f.kind() + " at step " + (f.step() + 1) + ": " + f.command();
        if (f.kind() != FailureKind.CRASH) {
            evidence.fail(f.clause(), reproducers.step(phase, name, script, f, what));
            return;
        }
        ThrowableDigest d = ThrowableDigest.parse(f.detail());
        PhaseCrash first = stepCrashes.get(d.signature());
        if (first == null) {
            first = guard.record(phase, config.seed(), source, script, d, false, rerun);
            stepCrashes.put(d.signature(), first);
            what += ": threw " + first.detail();
        } else {
            what += ": threw " + d.headline() + " (same throw as " + first.source()
                    + (first.reproducer() == null ? "" : ", reproducer " + first.reproducer()) + ")";
        }
        evidence.fail(f.clause(), what);
    }

    private boolean compareRecorded(CorpusScript cs, Transcript got, List<StepContext> contexts) {
        Optional<Divergence> d = TranscriptComparison.compare(cs.script(), "kernel", cs.recorded().get(),
                candidate.name(), got);
        if (d.isEmpty()) {
            return false;
        }
        int i = d.get().step();
        Clause c = i < contexts.size() ? ClauseEvidence.clausesOf(contexts.get(i)).get(0) : Clause.GEN_1;
        String line = "corpus " + cs.name() + ": differs from the recorded kernel transcript at " + d.get().summary();
        evidence.fail(c, reproducers.transcripts("kernel", cs.name(), cs.script(), "recorded", cs.recorded().get(),
                candidate.name(), got, d.get(), line, "./snapref diff --targets " + candidate.name() + " --recorded FILE"
                        + (config.bug() == null ? "" : " --bug " + config.bug())));
        return true;
    }

    private void runExplorerScripts(DifferentialChecker checker, ScriptRerun rerun) {
        checker.observe(ctx -> evidence.step(ctx, null));
        for (Script s : config.explorerScripts()) {
            String source = "explorer script " + s.name();
            guardedScript("explorer", source, s, rerun, () -> {
                CheckResult r = checker.check(s);
                commands += r.stepsChecked();
                r.failure().ifPresent(f -> failStep("explorer", "script " + s.name(), s, f, rerun));
                return r.failure().isPresent();
            });
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
        FuzzCampaign campaign = new FuzzCampaign(fc, model, checker, progress)
                .onScript((s, seed) -> guard.at(s, seed, "fuzz script seed " + Long.toUnsignedString(seed)));
        if (correctCandidate != null) {
            campaign.withBaseline(new DifferentialChecker(model, correctCandidate, true));
        }
        FuzzSummary s;
        try {
            s = campaign.run();
        } finally {
            campaign.found().forEach(this::failFuzz);
            campaign.crashed().forEach(c -> evidence.fail(Clause.GEN_1, c.summary()));
        }
        commands += s.commands();
        notes.add(String.format("fuzz: seed %d, %d scripts, %d commands, %.0f checked commands/s, %d failures",
                config.seed(), s.scripts(), s.commands(), s.commandsPerSecond(), s.failures().size()));
        return s.scripts();
    }

    private void failFuzz(FuzzFailure f) {
        Clause c = Clause.byId(f.clause()).orElse(Clause.GEN_1);
        evidence.fail(c, "fuzz seed " + Long.toUnsignedString(f.seed()) + ": " + f.signature()
                + (f.note().isEmpty() ? "" : " (" + f.note() + ")") + ", shrunk "
                + f.originalSteps() + " -> " + f.shrunkSteps() + " steps"
                + (f.reproducer() == null ? "" : ", reproducer " + f.reproducer()));
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
                String label = name == null ? scripts.get(k).name() : name;
                evidence.fail(c, reproducers.transcripts("batch", label, scripts.get(k), refName, ref, candidate.name(),
                        runs.get(k).transcript(), d.get(), (name == null ? label : "corpus " + name) + ": "
                                + d.get().summary(), "./snapref diff --targets model," + candidate.name() + " FILE"));
                corpusDiverged += k < corpus.size() ? 1 : 0;
            }
        }
    }

    private List<StepContext> modelContexts(Script s, String scenario) {
        List<StepContext> out = new ArrayList<>();
        ModelSteps.run(model, s, ctx -> {
            evidence.step(ctx, scenario);
            out.add(ctx);
            commands++;
        });
        return out;
    }

    /** Scripts generated by the fuzzer's generator for a batch target, when asked for. */
    public static List<Script> generated(SteppableTarget model, long seed, int count) {
        ScriptGenerator gen = new ScriptGenerator(GeneratorConfig.defaults()).withStacks();
        List<Script> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(gen.generate(Seeds.scriptSeed(seed, i), model::open));
        }
        return out;
    }
}
