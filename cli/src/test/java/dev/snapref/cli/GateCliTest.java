package dev.snapref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.conformance.fault.ModeSummary;
import dev.snapref.conformance.fuzz.FuzzCampaign;
import dev.snapref.conformance.fuzz.Shard;
import dev.snapref.conformance.gen.GeneratorConfig;
import dev.snapref.conformance.report.ReportFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 12 on the command line: with engine bugs whose engine assertions used to end
 * {@code conform} and {@code fuzz --faults} with a stack trace, the commands exit 1 with a
 * failure, a reproducer and (for conform) all four report files.
 */
class GateCliTest {
    /** Its faults-mode description used to throw "allocated a metadata chunk" out of conform (seed 1, script 84). */
    private static final String ASSERTING_BUG = "source-valid-after-handover";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = SnaprefCommand.newCommandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private void assertNoStackTrace() {
        assertFalse(err.toString().contains("\tat ") || out.toString().contains("\tat "), "no stack trace:\n" + err);
    }

    @Test
    void conformWithAnAssertingEngineBugWritesTheFourFilesAndExits1() {
        Path report = dir.resolve("conformance");
        assertEquals(ExitCode.FAILED, run("conform", "--bug", ASSERTING_BUG, "--seconds", "2", "--explorer-depth", "0",
                "--quiet", "--out", report.toString()), out.toString());
        assertNoStackTrace();
        for (String name : ReportFiles.NAMES) {
            assertTrue(Files.isRegularFile(report.resolve(name)), name);
        }
        assertTrue(out.toString().contains("engine: FAIL"), out.toString());
    }

    @Test
    void fuzzFaultsWithAnEngineThatThrowsInsideAFaultedRunExits1WithAReproducer() throws IOException {
        // with faults stated in the model, the engine's out-of-order commit makes the checked run throw
        // (the persistent store's on-disk rules) under seed 1's fault plans: a finding, never a crash
        assertEquals(ExitCode.FAILED, run("fuzz", "--faults", "--target", "engine", "--bug", "commit-out-of-order",
                "--scripts", "100", "--seed", "1", "--quiet", "--out", dir.toString()), out.toString());
        assertNoStackTrace();
        assertTrue(out.toString().contains("faults:CRASH:IllegalStateException"), out.toString());
        String text = Files.readString(withText(dir, "faults-", "faults:CRASH:IllegalStateException"));
        for (String want : List.of("# phase: faults", "# seed: ", "# faults: ", "java.lang.IllegalStateException",
                "out of allocation order", "# replay: ")) {
            assertTrue(text.contains(want), want + " in\n" + text);
        }
    }

    @Test
    void fuzzCrashWithABuggyEngineExits1WithAReproducerPerFinding() throws IOException {
        assertEquals(ExitCode.FAILED, run("fuzz", "--crash", "--target", "engine", "--bug", ASSERTING_BUG,
                "--scripts", "100", "--seed", "1", "--quiet", "--out", dir.toString()), out.toString());
        assertNoStackTrace();
        List<Path> found = all(dir, "crash-");
        assertFalse(found.isEmpty(), out.toString());
        for (Path p : found) {
            String text = Files.readString(p);
            assertTrue(text.contains("# phase: crash") && text.contains("# signature: crash:")
                    && text.contains("# replay: "), text);
        }
    }

    @Test
    void plainFuzzWithAThrowingCheckExits1WithTheExceptionInTheReproducer() throws IOException {
        assertEquals(ExitCode.FAILED, run("fuzz", "--target", "engine", "--bug", "commit-out-of-order", "--scripts", "40",
                "--seed", "1", "--quiet", "--out", dir.toString()), out.toString());
        assertNoStackTrace();
        assertTrue(out.toString().contains("CRASH:IllegalStateException") && out.toString().contains("out of allocation"),
                out.toString());
        String text = Files.readString(only(dir, "fail-"));
        assertTrue(text.contains("# phase: fuzz") && text.contains("# exception: java.lang.IllegalStateException"), text);
    }

    @Test
    void aCorruptImageCampaignThatThrowsIsOneFailureWithAReproducer() throws IOException {
        FuzzCampaign.Config config = new FuzzCampaign.Config(5, "5", 10L, null, Shard.ALL, dir, null,
                new GeneratorConfig(5, 40), 300, false);
        ModeSummary s = FaultModes.guarded("corrupt-images", config, null, () -> {
            throw new AssertionError("planted engine assertion while loading an image");
        });
        assertEquals(1, s.failures().size());
        assertTrue(s.failures().get(0).startsWith("corrupt-images threw java.lang.AssertionError: planted"),
                s.failures().get(0));
        String text = Files.readString(only(dir, "corrupt-images-crash-"));
        assertTrue(text.contains("# phase: corrupt-images") && text.contains("# seed: 5"), text);
    }

    private static List<Path> all(Path dir, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".dms"))
                    .sorted().toList();
        }
    }

    private static Path withText(Path dir, String prefix, String text) throws IOException {
        for (Path p : all(dir, prefix)) {
            if (Files.readString(p).contains(text)) {
                return p;
            }
        }
        throw new AssertionError("no " + prefix + "*.dms names " + text);
    }

    private static Path only(Path dir, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> found = s.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.toString().endsWith(".dms")).toList();
            assertEquals(1, found.size(), prefix + ": " + found);
            return found.get(0);
        }
    }

    /** A faults reproducer replayed with `snapref replay` gets its fault plan, as with fuzz --faults --replay. */
    @Test
    void replayOfAFaultsReproducerInjectsItsFault() throws IOException {
        Path f = dir.resolve("faults.dms");
        Files.writeString(f, String.join("\n", "# snapref reproducer faults-test", "# mode: faults",
                "# seed: 8042142155559163816", "# targets: model,engine", "# bug: copy-error-reported-as-success",
                "disk origin 1", "disk cow 12",
                "dmsetup create origin --table '0 1 snapshot-origin /dev/disk/origin'",
                "dmsetup create s1 --table '0 1 snapshot /dev/disk/origin /dev/disk/cow PO 4'",
                "write /dev/mapper/origin 0 1 A", ""));
        assertEquals(ExitCode.FAILED, run("replay", f.toString()), out.toString() + err);
        assertTrue(out.toString().startsWith("FAIL faults:"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(ExitCode.OK, run("replay", "--bug", "none", f.toString()), out.toString() + err);
        assertTrue(out.toString().startsWith("PASS"), out.toString());
        assertNoStackTrace();
    }
}
