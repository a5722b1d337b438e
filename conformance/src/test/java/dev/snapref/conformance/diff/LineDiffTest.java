package dev.snapref.conformance.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.scenario.Outcome;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.ScriptParser;
import dev.snapref.scenario.Transcript;
import dev.snapref.scenario.TranscriptStep;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineDiffTest {
    @Test
    void equalTextsHaveNoDiff() {
        assertEquals("", LineDiff.unified("a", List.of("x", "y"), "b", List.of("x", "y")));
    }

    @Test
    void aChangedLineShowsAsMinusAndPlusWithContext() {
        String d = LineDiff.unified("model", List.of("1", "2", "3", "4", "5"), "engine", List.of("1", "2", "X", "4", "5"));
        assertEquals("--- model\n+++ engine\n@@ -1,5 +1,5 @@\n 1\n 2\n-3\n+X\n 4\n 5\n", d);
    }

    @Test
    void firstDivergenceNamesStepAndScriptLine() throws Exception {
        Script s = ScriptParser.parse("t.dms", "disk origin 64\n# c\nread /dev/disk/origin 0 8\n");
        Transcript a = new Transcript(List.of(
                new TranscriptStep("disk origin 64", List.of(), List.of(), Outcome.OK),
                new TranscriptStep("read /dev/disk/origin 0 8", List.of("0-7 zero"), List.of(), Outcome.OK)));
        Transcript b = new Transcript(List.of(a.steps().get(0),
                new TranscriptStep("read /dev/disk/origin 0 8", List.of("0-7 ?"), List.of(), Outcome.OK)));
        Divergence d = TranscriptComparison.compare(s, "model", a, "engine", b).orElseThrow();
        assertEquals(1, d.step());
        assertEquals(3, d.scriptLine());
        assertEquals("step 2 (script line 3): read /dev/disk/origin 0 8", d.summary());
        assertTrue(d.unified().contains("-  0-7 zero\n+  0-7 ?\n"), d.unified());
        assertTrue(TranscriptComparison.compare(s, "a", a, "b", a).isEmpty());
    }
}
