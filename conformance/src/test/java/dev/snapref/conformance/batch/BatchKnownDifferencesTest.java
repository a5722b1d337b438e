package dev.snapref.conformance.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.conformance.kernel.KnownDifferences;
import dev.snapref.conformance.targets.Target;
import dev.snapref.conformance.targets.TargetRun;
import dev.snapref.conformance.targets.model.ModelTarget;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.ScriptError;
import dev.snapref.scenario.ScriptParser;
import dev.snapref.scenario.Transcript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kernel series' known differences in the batch check (kernel fuzz, kernel conformance): a
 * script that differs from the model only as the rules state is a known difference, not a
 * divergence; one that also differs elsewhere diverges at that other place (its signature and
 * its shrinking are the unexplained difference's, not the first raw one's); outcomes judged
 * before the rules were known are judged again the same way. The "kernel" here is the model
 * printing ENOENT where 6.1 prints ENODEV (as 6.12 does) and, in a script that asks for a
 * snapshot's status, one line of status more (a difference no rule explains).
 */
class BatchKnownDifferencesTest {
    @TempDir
    Path dir;

    private static final String MISSING_COW = "dmsetup create s1 --table '0 8 snapshot /dev/disk/o /dev/disk/missing P 8'";

    /** The model, printing as a 6.12-like kernel would, plus the unexplained status line. */
    private static final class Like612 implements Target {
        private final ModelTarget model = new ModelTarget();

        @Override
        public String name() {
            return "kernel";
        }

        @Override
        public TargetRun run(Script script) {
            String t = model.run(script).transcript().render()
                    .replace("Cannot get COW device (-ENODEV)\n  kmsg: ioctl: error adding target to table\n"
                            + "  -> error ENODEV", "Cannot get COW device (-ENOENT)\n  kmsg: ioctl: error adding "
                            + "target to table\n  -> error ENOENT")
                    .replace("  0 64 snapshot ", "  unexplained\n  0 64 snapshot ");
            return new TargetRun(Transcript.parse(t), Map.of());
        }
    }

    private KnownDifferences rules() throws IOException {
        Path f = dir.resolve("known-differences.txt");
        Files.writeString(f, String.join("\n",
                "# as on-linux-6.12",
                "rewrite (kmsg: table: [^:]+: [a-z-]+: Cannot get COW device) \\(-ENOENT\\) => $1 (-ENODEV)",
                "rewrite -> error ENOENT => -> error ENODEV when kmsg: table: [^:]+: [a-z-]+: Cannot get COW device "
                        + "\\(-ENOENT\\)", ""));
        return KnownDifferences.load(f);
    }

    private static Script script(String name, boolean status) {
        StringBuilder sb = new StringBuilder("disk o 64\ndisk c 64\n" + MISSING_COW + "\n"
                + "dmsetup create o --table '0 64 snapshot-origin /dev/disk/o'\n"
                + "dmsetup create s --table '0 64 snapshot /dev/disk/o /dev/disk/c P 8'\n"
                + "write /dev/mapper/o 0 8 A\n");
        if (status) {
            sb.append("dmsetup status s\n");
        }
        sb.append("read /dev/mapper/s 0 8\n");
        try {
            return ScriptParser.parse(name, sb.toString());
        } catch (ScriptError e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aDifferenceTheRulesExplainIsKnownNotADivergence() throws IOException {
        BatchChecker checker = new BatchChecker(new ModelTarget(), new Like612());
        BatchOutcome raw = checker.check(List.of(script("known", false))).get(0);
        assertTrue(raw.diverged(), "without rules the ENOENT is a divergence");
        assertFalse(raw.knownOnly());
        checker.useKnownDifferences(rules());
        BatchOutcome o = checker.check(List.of(script("known", false))).get(0);
        assertFalse(o.diverged(), o.divergence().toString());
        assertTrue(o.knownOnly());
        assertTrue(o.candidate().orElseThrow().render().contains("-> error ENOENT"), "the printed transcript is kept");
    }

    @Test
    void aScriptWithAnotherDifferenceDivergesThereAndShrinksToIt() throws IOException {
        BatchChecker checker = new BatchChecker(new ModelTarget(), new Like612());
        Script s = script("both", true);
        BatchOutcome raw = checker.check(List.of(s)).get(0);
        assertEquals(2, raw.divergence().orElseThrow().step(), "without rules: the ENOENT step first");
        checker.useKnownDifferences(rules());
        BatchOutcome o = checker.check(List.of(s)).get(0);
        assertTrue(o.diverged());
        assertFalse(o.knownOnly());
        assertEquals(6, o.divergence().orElseThrow().step(), o.divergence().orElseThrow().summary());
        assertTrue(o.divergence().orElseThrow().summary().contains("dmsetup status s"),
                o.divergence().orElseThrow().summary());
        BatchOutcome small = checker.shrink(o, 12);
        assertEquals(o.signature(), small.signature());
        assertTrue(small.script().render().contains("dmsetup status s"), small.script().render());
        assertFalse(small.script().render().contains("/dev/disk/missing"), "the known difference is shrunk away: "
                + small.script().render());
    }

    @Test
    void outcomesJudgedBeforeTheRulesWereKnownAreJudgedAgain() throws IOException {
        BatchChecker checker = new BatchChecker(new ModelTarget(), new Like612());
        List<Script> scripts = List.of(script("known", false), script("both", true));
        List<BatchOutcome> before = checker.check(scripts);
        assertTrue(before.get(0).diverged() && before.get(1).diverged());
        checker.useKnownDifferences(rules());
        List<BatchOutcome> again = checker.rejudge(before);
        List<BatchOutcome> fresh = checker.check(scripts);
        for (int i = 0; i < scripts.size(); i++) {
            assertEquals(fresh.get(i).knownOnly(), again.get(i).knownOnly());
            assertEquals(fresh.get(i).signature(), again.get(i).signature());
        }
        assertTrue(again.get(0).knownOnly());
        assertEquals(6, again.get(1).divergence().orElseThrow().step());
    }

    @Test
    void theReproducerNamesTheRulesAndKeepsTheUnshrunkScript() throws IOException {
        BatchChecker checker = new BatchChecker(new ModelTarget(), new Like612());
        KnownDifferences k = rules();
        checker.useKnownDifferences(k);
        BatchOutcome o = checker.check(List.of(script("both", true))).get(0);
        BatchOutcome small = checker.shrink(o, 12);
        Path p = BatchReproducer.write(dir.resolve("out"), "kernel-x", 7, "6.12-like", small, o, k);
        String head = Files.readString(p);
        assertTrue(head.contains("# known differences applied: " + k.source()), head);
        assertTrue(head.contains("# shrunk: 8 -> " + small.script().commands().size() + " commands"), head);
        assertTrue(Files.readString(dir.resolve("out/kernel-x.unshrunk.kernel.transcript")).contains("-> error ENOENT"),
                "the kernel's transcript of the unshrunk script, as it printed it");
        assertTrue(Files.readString(dir.resolve("out/kernel-x.unshrunk.dms")).contains(MISSING_COW));
        assertTrue(Files.readString(dir.resolve("out/kernel-x.kernel.transcript")).contains("unexplained"));
    }
}
