package dev.snapref.conformance.mutation;

import dev.snapref.conformance.check.DifferentialChecker;
import dev.snapref.conformance.conform.CorpusScript;
import dev.snapref.conformance.fault.CorruptImageCampaign;
import dev.snapref.conformance.fault.CrashCampaign;
import dev.snapref.conformance.fault.FaultCampaign;
import dev.snapref.conformance.fault.ScriptModeCampaign;
import dev.snapref.conformance.fuzz.FuzzCampaign;
import dev.snapref.conformance.fuzz.Seeds;
import dev.snapref.conformance.gen.GeneratorConfig;
import dev.snapref.conformance.gen.ScriptGenerator;
import dev.snapref.conformance.race.RaceCampaign;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.conformance.targets.engine.EngineTarget;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.scenario.Script;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The gate's self-check inside the mutation killer: with each bug switch of the engine on, the
 * killer's own bounded parts fail — the corpus, the crash and fault modes, the races (one
 * preemption), the generated scripts, the merge-fault and corrupt-image modes (cheapest first), each
 * tried only while nothing before it has caught the switch. A mutant that disarms a switch (its plumbing through
 * {@code DeviceMapper}, {@code DmContext}, the targets and stores, or the buggy branch itself)
 * breaks {@code conform --bug NAME}, the gate's promise to show each canary; this part kills it.
 *
 * <p>Bounded by counts like the rest of the killer; on the correct engine every switch is caught,
 * most by the corpus. Limits: a mutant that makes a switch's bug show differently (but still
 * show) survives here, as it should: the switch still works as a canary.
 */
final class BugSwitchSelfCheck {
    private final SteppableTarget model;
    private final List<CorpusScript> corpus;
    private final int fuzzScripts;
    private final FuzzCampaign.Config modes;
    private final FuzzCampaign.Config mergeModes;

    BugSwitchSelfCheck(SteppableTarget model, List<CorpusScript> corpus, int fuzzScripts, FuzzCampaign.Config modes,
                       FuzzCampaign.Config mergeModes) {
        this.model = model;
        this.corpus = List.copyOf(corpus);
        this.fuzzScripts = fuzzScripts;
        this.modes = modes;
        this.mergeModes = mergeModes;
    }

    /** The first switch no bounded part catches, or empty when every switch is caught. */
    Optional<EngineBug> firstMissed() {
        for (EngineBug bug : EngineBug.values()) {
            if (!caught(bug)) {
                return Optional.of(bug);
            }
        }
        return Optional.empty();
    }

    private boolean caught(EngineBug bug) {
        Set<EngineBug> bugs = Set.of(bug);
        DifferentialChecker checker = new DifferentialChecker(model, new EngineTarget(bugs), true);
        List<BooleanSupplier> parts = List.of(
                () -> corpus.stream().anyMatch(cs -> fails(checker, cs.script())),
                () -> !new ScriptModeCampaign(modes, new CrashCampaign(bugs), model).run().failures().isEmpty(),
                () -> !new ScriptModeCampaign(modes, new FaultCampaign(bugs), model).run().failures().isEmpty(),
                () -> !new RaceCampaign(new RaceCampaign.Config(1, bugs, 1, GateMutationKiller.RACE_SCHEDULES,
                        2_000, null), model).run().failures().isEmpty(),
                () -> fuzzFails(checker),
                () -> !new ScriptModeCampaign(mergeModes, new FaultCampaign(bugs, true), model).run().failures()
                        .isEmpty(),
                () -> !new CorruptImageCampaign(modes, bugs).run().failures().isEmpty());
        return parts.stream().anyMatch(BooleanSupplier::getAsBoolean);
    }

    private boolean fuzzFails(DifferentialChecker checker) {
        ScriptGenerator gen = new ScriptGenerator(GeneratorConfig.defaults()).withStacks();
        for (int i = 0; i < fuzzScripts; i++) {
            if (fails(checker, gen.generate(Seeds.scriptSeed(1, i), model::open))) {
                return true;
            }
        }
        return false;
    }

    private static boolean fails(DifferentialChecker checker, Script s) {
        return checker.check(s).failure().isPresent();
    }
}
