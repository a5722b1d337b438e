package dev.snapref.conformance.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.conformance.clause.Clause;
import dev.snapref.conformance.fuzz.FuzzCampaign;
import dev.snapref.conformance.fuzz.FuzzSummary;
import dev.snapref.conformance.fuzz.Shard;
import dev.snapref.conformance.gen.GeneratorConfig;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.ScriptParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DifferentialCheckerTest {
    private static final String SCRIPT = """
            disk origin 256
            disk cow 64
            write /dev/disk/origin 0 8 A
            write /dev/disk/origin 100 32 B
            read /dev/disk/origin 96 40
            """;

    @Test
    void agreeingTargetsPassEveryStep() throws Exception {
        CheckResult r = new DifferentialChecker(new ToyDisks("model", false, false), new ToyDisks("engine", false, false),
                true).check(ScriptParser.parse("s", SCRIPT));
        assertTrue(r.passed());
        assertEquals(5, r.stepsChecked());
        assertTrue(r.clauseHits().containsKey(Clause.GEN_1));
    }

    @Test
    void aDivergenceIsFoundAtItsStepWithADiff() throws Exception {
        CheckResult r = new DifferentialChecker(new ToyDisks("model", false, false), new ToyDisks("engine", true, false),
                true).check(ScriptParser.parse("s", SCRIPT));
        Failure f = r.failure().orElseThrow();
        assertEquals(FailureKind.DIVERGENCE, f.kind());
        assertEquals(4, f.step(), "the read after the 32-sector write differs");
        assertTrue(f.detail().contains("-  96-131 B") || f.detail().contains("100-131 B"), f.detail());
        assertEquals("DIVERGENCE:ReadCommand:output", f.signature());
    }

    @Test
    void anInvariantViolationOfTheModelStopsTheScript() throws Exception {
        CheckResult r = new DifferentialChecker(new ToyDisks("model", false, true), new ToyDisks("engine", false, false),
                true).check(ScriptParser.parse("s", SCRIPT + "write /dev/disk/cow 0 1 C\n"));
        Failure f = r.failure().orElseThrow();
        assertEquals(FailureKind.INVARIANT, f.kind());
        assertEquals("INVARIANT:TOY-1", f.signature());
    }

    @Test
    void dataOnDisksIsComparedAtTheEnd() throws Exception {
        Script noRead = ScriptParser.parse("s", "disk origin 64\nwrite /dev/disk/origin 0 20 A\n");
        CheckResult r = new DifferentialChecker(new ToyDisks("model", false, false), new ToyDisks("engine", true, false),
                true).check(noRead);
        assertEquals(FailureKind.DATA, r.failure().orElseThrow().kind());
        assertTrue(r.failure().get().detail().contains("sector 19"), r.failure().get().detail());
    }

    @Test
    void aFuzzCampaignFindsShrinksAndWritesAReproducerDeterministically(@TempDir Path dir) throws Exception {
        ToyDisks model = new ToyDisks("model", false, false);
        DifferentialChecker checker = new DifferentialChecker(model, new ToyDisks("engine", true, false), true);
        FuzzCampaign.Config config = new FuzzCampaign.Config(7, "7", 30L, null, Shard.ALL, dir, null,
                new GeneratorConfig(5, 30), 300, false);
        FuzzSummary first = new FuzzCampaign(config, model, checker, null).run();
        FuzzSummary second = new FuzzCampaign(config, model, checker, null).run();
        assertEquals(first.render(33).replaceAll("(?m)^time.*$", ""), second.render(33).replaceAll("(?m)^time.*$", ""));
        assertTrue(!first.failures().isEmpty(), "the planted bug is found");
        Path repro = Files.list(dir).filter(p -> p.toString().endsWith(".dms")).findFirst().orElseThrow();
        Script shrunk = Script.load(repro);
        assertTrue(shrunk.commands().size() <= 3, "shrunk to disk + write (+ read): " + shrunk.render());
        assertTrue(Files.readString(repro).contains("# signature: "), "the header says how it failed");
        assertTrue(new DifferentialChecker(model, new ToyDisks("engine", true, false), true).check(shrunk).failure()
                .isPresent(), "the reproducer still fails");
    }
}
