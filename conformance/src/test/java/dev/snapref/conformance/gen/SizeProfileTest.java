package dev.snapref.conformance.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.conformance.check.CheckResult;
import dev.snapref.conformance.check.DifferentialChecker;
import dev.snapref.conformance.check.Failure;
import dev.snapref.conformance.targets.engine.EngineTarget;
import dev.snapref.conformance.targets.model.ModelTarget;
import dev.snapref.scenario.DiskCommand;
import dev.snapref.scenario.Script;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The LVM swarm option of the generator: LVM-sized scripts have origins of 1 GiB to 512 TiB and
 * pass the checked run; the swarm mixes both sizes; the small profile is the generator's old draw.
 */
class SizeProfileTest {
    private final ModelTarget model = new ModelTarget();

    @Test
    void lvmScriptsHaveLvmSizedOriginsAndPassTheCheckedRun() {
        ScriptGenerator gen = new ScriptGenerator(new GeneratorConfig(5, 25, false, SizeProfile.LVM));
        DifferentialChecker checker = new DifferentialChecker(model, new EngineTarget(), true);
        for (long seed = 1; seed <= 30; seed++) {
            Script s = gen.generate(seed, model::open);
            long origin = originSectors(s);
            assertTrue(Arrays.stream(SizeProfile.LVM_ORIGINS).anyMatch(o -> o == origin), s.render());
            CheckResult r = checker.check(s);
            assertTrue(r.passed(), () -> s.render() + r.failure().map(Failure::detail).orElse(""));
        }
    }

    @Test
    void theSwarmMixesSizesAndSmallIsTheOldDraw() {
        ScriptGenerator swarm = new ScriptGenerator(new GeneratorConfig(5, 10, false, SizeProfile.SWARM));
        int large = 0;
        for (long seed = 1; seed <= 40; seed++) {
            large += originSectors(swarm.generate(seed, model::open)) >= 1L << 21 ? 1 : 0;
        }
        assertTrue(large > 2 && large < 30, "about one script in four is LVM-sized: " + large);
        ScriptGenerator small = new ScriptGenerator(new GeneratorConfig(5, 40));
        ScriptGenerator explicit = new ScriptGenerator(new GeneratorConfig(5, 40, false, SizeProfile.SMALL));
        for (long seed = 1; seed <= 10; seed++) {
            assertEquals(small.generate(seed, model::open).render(), explicit.generate(seed, model::open).render());
            assertTrue(originSectors(small.generate(seed, model::open)) <= 4096);
        }
    }

    private static long originSectors(Script s) {
        return s.commands().stream().filter(c -> c instanceof DiskCommand d && d.name().equals("origin"))
                .map(c -> ((DiskCommand) c).sectors()).findFirst().orElseThrow();
    }
}
