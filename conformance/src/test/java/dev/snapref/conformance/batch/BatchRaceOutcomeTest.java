package dev.snapref.conformance.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.conformance.targets.Target;
import dev.snapref.conformance.targets.TargetRun;
import dev.snapref.conformance.targets.model.ModelTarget;
import dev.snapref.model.Model;
import dev.snapref.model.SplitWriteRace;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.ScriptError;
import dev.snapref.scenario.ScriptParser;
import dev.snapref.scenario.Transcript;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The batch check accepts a kernel transcript that is the model's under another outcome of the
 * split-write race ({@link SplitWriteRace}), and still fails one that is neither outcome: the
 * "kernel" here is the model run under a chosen outcome, or that with one line changed.
 */
class BatchRaceOutcomeTest {
    /** Two writes to two snapshots, each split into a partial first piece and one that overflows. */
    private static Script script() {
        try {
            return ScriptParser.parse("race", String.join("\n", "disk origin 512", "disk cow 24", "disk cow2 24",
                    "dmsetup create s1 --table '0 512 snapshot /dev/disk/origin /dev/disk/cow P 8'",
                    "dmsetup create s2 --table '0 512 snapshot /dev/disk/origin /dev/disk/cow2 N 16'",
                    "write /dev/mapper/s1 4 12 B", "write /dev/mapper/s2 426 8 L", "read /dev/disk/cow 0 24",
                    "read /dev/disk/cow2 0 24", ""));
        } catch (ScriptError e) {
            throw new IllegalStateException(e);
        }
    }

    private record Kernel(Function<Script, Transcript> printer) implements Target {
        @Override
        public String name() {
            return "kernel";
        }

        @Override
        public TargetRun run(Script s) {
            return new TargetRun(printer.apply(s), Map.of());
        }
    }

    private static BatchOutcome check(Function<Script, Transcript> kernel) {
        return new BatchChecker(new ModelTarget(), new Kernel(kernel)).check(List.of(script())).get(0);
    }

    @Test
    void theModelStatesBothOutcomesOfEachSplitWrite() {
        SplitWriteRace counted = SplitWriteRace.reference();
        Model.run(script(), counted);
        assertEquals(2, counted.decisions());
        assertEquals(3, new ModelTarget().otherOutcomes(script()).size(), "each write alone, and both");
    }

    @Test
    void eachOtherOutcomeIsAcceptedAsSuch() {
        for (SplitWriteRace r : List.of(SplitWriteRace.otherAt(0), SplitWriteRace.otherAt(1),
                SplitWriteRace.otherEverywhere())) {
            BatchOutcome o = check(s -> Model.run(s, r));
            assertFalse(o.diverged(), o.divergence().toString());
            assertTrue(o.otherRaceOutcome());
        }
        BatchOutcome same = check(Model::run);
        assertFalse(same.diverged());
        assertFalse(same.otherRaceOutcome(), "the reference outcome is simply equal");
    }

    @Test
    void aTranscriptThatIsNeitherOutcomeDiverges() {
        BatchOutcome o = check(s -> Transcript.parse(Model.run(s, SplitWriteRace.otherAt(1)).render()
                .replace("L@426", "L@427")));
        assertTrue(o.diverged());
        assertFalse(o.otherRaceOutcome());
        assertTrue(o.divergence().orElseThrow().summary().contains("read /dev/disk/cow2 0 24"),
                o.divergence().orElseThrow().summary());
    }
}
