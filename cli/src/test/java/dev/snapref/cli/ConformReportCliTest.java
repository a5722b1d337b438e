package dev.snapref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 17 on the command line: a corpus failure's reproducer lands in the report folder and
 * replays from there; {@code --previous DIR} compares with an earlier report (newly failing,
 * fixed), and a folder with no report is an input error (exit 2, one line).
 */
class ConformReportCliTest {
    /** Two snapshots of one origin: origin-write-skips-snapshot leaves the second without its exception. */
    private static final String SCRIPT = """
            disk origin 64
            disk cow 64
            disk cow2 64
            dmsetup create origin --table '0 64 snapshot-origin /dev/disk/origin'
            dmsetup create s1 --table '0 64 snapshot /dev/disk/origin /dev/disk/cow P 8'
            dmsetup create s2 --table '0 64 snapshot /dev/disk/origin /dev/disk/cow2 P 8'
            write /dev/mapper/origin 0 8 A
            read /dev/mapper/s2 0 8
            """;
    private static final String BUG = "origin-write-skips-snapshot";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cl = SnaprefCommand.newCommandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private int conform(Path report, String bug, Path previous) throws Exception {
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        Files.writeString(corpus.resolve("two-snapshots.dms"), SCRIPT);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("conform", "--quiet", "--seconds",
                "0.1", "--explorer-depth", "0", "--corpus", corpus.toString(), "--out", report.toString()));
        if (bug != null) {
            args.addAll(java.util.List.of("--bug", bug));
        }
        if (previous != null) {
            args.addAll(java.util.List.of("--previous", previous.toString()));
        }
        return run(args.toArray(String[]::new));
    }

    @Test
    void aCorpusFailureGetsAShrunkReproducerThatReplaysFromTheFolder() throws Exception {
        Path report = dir.resolve("red");
        assertEquals(ExitCode.FAILED, conform(report, BUG, null), out.toString());
        Path repro = report.resolve("reproducers/corpus-two-snapshots.dms");
        assertTrue(Files.isRegularFile(repro), out.toString());
        String md = Files.readString(report.resolve("report.md"));
        assertTrue(md.contains("./snapref replay reproducers/corpus-two-snapshots.dms"), md);
        assertEquals(ExitCode.FAILED, run("replay", repro.toString()), "the reproducer still fails");
        assertTrue(out.toString().contains("FAILED REFINEMENT"), out.toString());
    }

    @Test
    void previousComparesWithAnEarlierReport() throws Exception {
        Path red = dir.resolve("red");
        Path green = dir.resolve("green");
        assertEquals(ExitCode.FAILED, conform(red, BUG, null), out.toString());
        assertEquals(ExitCode.OK, conform(green, null, red), out.toString() + err);
        assertTrue(out.toString().contains("since the previous report") && out.toString().contains("fixed"),
                out.toString());
        String json = Files.readString(green.resolve("report.json"));
        assertTrue(json.contains("\"id\": \"COW-1\", \"status\": \"PASS\"") && json.contains("\"trend\": \"FIXED\""),
                json);
        assertTrue(Files.readString(green.resolve("index.html")).contains("fixed"));
        assertEquals(ExitCode.FAILED, conform(dir.resolve("red again"), BUG, green), out.toString());
        assertTrue(Files.readString(dir.resolve("red again/report.md")).contains("(newly failing)"));
    }

    @Test
    void previousWithoutAReportIsAnInputError() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals(ExitCode.USAGE, conform(dir.resolve("r"), null, empty));
        String e = err.toString().strip();
        assertTrue(e.contains("--previous") && e.contains("no report.json") && !e.contains("\n"), e);
        assertFalse(Files.exists(dir.resolve("r/index.html")), "refused before the run");
    }
}
