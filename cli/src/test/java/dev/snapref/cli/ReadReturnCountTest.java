package dev.snapref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read API's return value in whole-script runs ({@code run}, {@code diff}): a read that reaches
 * past the end of a device prints the sectors that exist either way, so only the return value can
 * be wrong; with the engine's {@code read-returns-asked} switch on, {@code run} names the step on
 * stderr and exits 1, {@code diff} counts the script as diverged; the correct engine passes both.
 */
class ReadReturnCountTest {
    @TempDir
    Path dir;

    private Path script() throws IOException {
        Path s = dir.resolve("clip.dms");
        Files.writeString(s, String.join("\n", "disk d 16",
                "dmsetup create m --table '0 16 linear /dev/disk/d 0'",
                "write /dev/mapper/m 0 16 A",
                "read /dev/mapper/m 8 16",
                "read /dev/disk/d 12 8", ""));
        return s;
    }

    private static int exec(StringWriter out, StringWriter err, String... args) {
        return SnaprefCommand.newCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }

    @Test
    void runOfTheCorrectEngineReportsNoProblem() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(ExitCode.OK, exec(out, err, "run", "--target", "engine", script().toString()), err.toString());
        assertTrue(out.toString().contains("read /dev/mapper/m 8 16"), out.toString());
    }

    @Test
    void runNamesAReadReturningTheCountAsked() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = exec(out, err, "run", "--target", "engine", "--bug", "read-returns-asked", script().toString());
        assertEquals(ExitCode.FAILED, rc, err.toString());
        assertTrue(err.toString().contains("step 4 (read /dev/mapper/m 8 16): DeviceMapper.read(/dev/mapper/m): "
                + "9 sectors read of 9 asked at 8 vs the sectors that exist: 8"), err.toString());
        assertTrue(err.toString().contains("step 5 (read /dev/disk/d 12 8)"), err.toString());
    }

    @Test
    void diffCountsTheScriptAsDiverged() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String s = script().toString();
        assertEquals(ExitCode.OK, exec(out, err, "diff", "--targets", "model,engine", s), out + "" + err);
        StringWriter out2 = new StringWriter();
        int rc = exec(out2, err, "diff", "--targets", "model,engine", "--bug", "read-returns-asked", s);
        assertEquals(ExitCode.FAILED, rc, out2 + "" + err);
        assertTrue(out2.toString().contains(": engine API at step 4 (read /dev/mapper/m 8 16)"), out2.toString());
        assertTrue(out2.toString().contains("1 scripts, 1 diverged"), out2.toString());
        assertFalse(out2.toString().contains("ok "), out2.toString());
    }
}
