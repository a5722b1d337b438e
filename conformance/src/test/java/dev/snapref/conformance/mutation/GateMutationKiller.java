package dev.snapref.conformance.mutation;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.snapref.conformance.check.CheckResult;
import dev.snapref.conformance.check.DifferentialChecker;
import dev.snapref.conformance.conform.Corpus;
import dev.snapref.conformance.conform.CorpusScript;
import dev.snapref.conformance.fault.CorruptImageCampaign;
import dev.snapref.conformance.fault.CrashCampaign;
import dev.snapref.conformance.fault.FaultCampaign;
import dev.snapref.conformance.fault.ModeSummary;
import dev.snapref.conformance.fault.ScriptModeCampaign;
import dev.snapref.conformance.fuzz.FuzzCampaign;
import dev.snapref.conformance.fuzz.Seeds;
import dev.snapref.conformance.fuzz.Shard;
import dev.snapref.conformance.gen.GeneratorConfig;
import dev.snapref.conformance.gen.ScriptGenerator;
import dev.snapref.conformance.race.RaceCampaign;
import dev.snapref.conformance.race.RaceSummary;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.conformance.targets.TargetOptions;
import dev.snapref.conformance.targets.engine.EngineTarget;
import dev.snapref.conformance.targets.model.ModelTarget;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.model.explore.Explorer;
import dev.snapref.model.explore.ExplorerConfig;
import dev.snapref.scenario.Script;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The killing test of the engine's mutation testing ({@code mvn -Pmutation}, {@code docs/mutation.md}):
 * a bounded run of the gate's checks, in the gate's order, that stops at the first failure — the
 * corpus, the explorer's scripts to depth 4, {@value #FUZZ_SCRIPTS} generated scripts of seed 1
 * (LVM stacks and merges for one seed in three, as the gate's fuzz phase), the races (at most
 * {@value #RACE_PREEMPTIONS} preemptions, {@value #RACE_SCHEDULES} schedules per race, a worker
 * blocked outside the schedule points for 2 s is a stall: a failure), and {@value #FAULT_SCRIPTS}
 * scripts each of the crash, fault and corrupt-image modes, and {@value #MERGE_FAULT_SCRIPTS}
 * scripts of faults aimed at merges (half of the merged ones faulted on the merging origin's disk),
 * and last the gate's self-check ({@link BugSwitchSelfCheck}: every bug switch is still caught by
 * these bounded parts). Every part is bounded by counts, not time, so a mutant's verdict does not
 * depend on the machine's load. It passes on the correct engine in about 20-35 s (the self-check
 * about 10 s of it).
 *
 * <p>Not a surefire test (its name does not end in {@code Test}): {@code mvn verify} does not run
 * it; PIT names it as its target test. Limits: what the full gate finds only in a longer campaign
 * (more fuzz seconds, more schedules) survives here; {@code docs/mutation.md} lists the survivors.
 */
class GateMutationKiller {
    static final int FUZZ_SCRIPTS = 1000;
    static final int FAULT_SCRIPTS = 100;
    static final int MERGE_FAULT_SCRIPTS = 1000;
    static final int RACE_PREEMPTIONS = 2;
    static final int RACE_SCHEDULES = 150;
    private static final SteppableTarget MODEL = (SteppableTarget) ModelTarget.fromOptions(TargetOptions.defaults());

    @Test
    void theBoundedGatePasses() {
        EngineTarget engine = new EngineTarget();
        DifferentialChecker checker = new DifferentialChecker(MODEL, engine, true);
        Path td = Corpus.findTestdata().orElseThrow(() -> new IllegalStateException("testdata/ not found"));
        List<CorpusScript> corpus = Corpus.load(List.of(td.resolve("kernel-transcripts"), td.resolve("goldens"),
                td.resolve("scenarios")));
        for (CorpusScript cs : corpus) {
            passes(checker, cs.script(), "corpus " + cs.name());
        }
        Explorer explorer = new Explorer(ExplorerConfig.defaults());
        explorer.explore(4);
        for (Script s : explorer.leafScripts(400)) {
            passes(checker, s, "explorer " + s.name());
        }
        ScriptGenerator gen = new ScriptGenerator(GeneratorConfig.defaults()).withStacks();
        for (int i = 0; i < FUZZ_SCRIPTS; i++) {
            Script s = gen.generate(Seeds.scriptSeed(1, i), MODEL::open);
            passes(checker, s, "fuzz script " + i);
        }
        RaceSummary races = new RaceCampaign(
                new RaceCampaign.Config(1, Set.of(), RACE_PREEMPTIONS, RACE_SCHEDULES, 2_000, null), MODEL).run();
        assertTrue(races.failures().isEmpty(), () -> races.failures().get(0).summary());
        FuzzCampaign.Config faults = modeConfig(FAULT_SCRIPTS);
        FuzzCampaign.Config mergeFaults = modeConfig(MERGE_FAULT_SCRIPTS);
        for (ModeSummary m : List.of(new ScriptModeCampaign(faults, new CrashCampaign(Set.of()), MODEL).run(),
                new ScriptModeCampaign(faults, new FaultCampaign(Set.of()), MODEL).run(),
                new ScriptModeCampaign(mergeFaults, new FaultCampaign(Set.of(), true), MODEL).run(),
                new CorruptImageCampaign(faults, Set.of()).run())) {
            assertTrue(m.failures().isEmpty(), () -> m.mode() + ": " + m.failures().get(0));
        }
        Optional<EngineBug> missed = new BugSwitchSelfCheck(MODEL, corpus, FUZZ_SCRIPTS, faults, mergeFaults).firstMissed();
        assertTrue(missed.isEmpty(), () -> "bug switch " + missed.get().id() + " is no longer caught");
    }

    /** A fail-fast campaign of {@code scripts} classic scripts of seed 1, as the gate's script modes run. */
    private static FuzzCampaign.Config modeConfig(int scripts) {
        return new FuzzCampaign.Config(1, "1", (long) scripts, null, Shard.ALL, null, null, GeneratorConfig.classic(5, 40),
                0, true);
    }

    private static void passes(DifferentialChecker checker, Script s, String what) {
        CheckResult r = checker.check(s);
        if (r.failure().isPresent()) {
            fail(what + ": " + r.failure().get());
        }
    }
}
