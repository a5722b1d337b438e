package dev.snapref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code snapref explore}: the configuration, memory and workers in the report, the same counts
 * for any number of workers, a configuration explored to its end says so, and the progress bar
 * draws a line per level.
 */
class ExploreCommandTest {
    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = SnaprefCommand.newCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        assertEquals(ExitCode.OK, rc, err.toString());
        return out.toString();
    }

    @Test
    void theReportNamesConfigurationMemoryAndWorkers() {
        String two = run("explore", "--depth", "3", "--workers", "2", "--quiet");
        assertTrue(two.contains("configuration:    default"), two);
        assertTrue(two.contains("bytes a state"), two);
        assertTrue(two.contains("workers:          2"), two);
        String one = run("explore", "--depth", "3", "--workers", "1", "--quiet");
        assertEquals(line(two, "distinct states"), line(one, "distinct states"));
        assertEquals(line(two, "transitions"), line(one, "transitions"));
        String json = run("explore", "--config", "lvm", "--depth", "2", "--quiet", "--json");
        assertTrue(json.contains("\"config\":\"lvm\"") && json.contains("\"bytesPerState\":"), json);
    }

    @Test
    void theProgressBarDrawsEveryLevel() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ExploreProgressBar bar = new ExploreProgressBar(new PrintStream(buf, true, StandardCharsets.UTF_8));
        bar.update(1, 2, 0, 10, 1, 1_000);
        bar.update(1, 2, 10, 10, 7, 2_000);
        bar.update(2, 2, 7, 7, 30, 3_000);
        bar.finish();
        String s = buf.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains("level 1/2 100%") && s.contains("level 2/2 100%") && s.contains("30 states"), s);
        assertTrue(s.endsWith("\n"), s);
    }

    private static String line(String text, String key) {
        return text.lines().filter(l -> l.startsWith(key)).findFirst().orElse("");
    }
}
