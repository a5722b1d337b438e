package dev.snapref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Issue 14: {@code snapref race} catches a race bug switch with a reproducer (race text plus
 * schedule) that {@code snapref race --replay} runs again: exit 1 with the switch its header names,
 * exit 0 on the correct engine (the schedule followed as far as it fits); bad input is exit 2.
 */
class RaceCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cl = SnaprefCommand.newCommandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    @Test
    void aRaceBugIsCaughtAndItsReproducerReplays() throws Exception {
        Path races = dir.resolve("races");
        assertEquals(ExitCode.FAILED, run("race", "--bug", "broken-handover-locking", "--preemptions", "1",
                "--schedules", "60", "--out", races.toString()), out.toString());
        assertTrue(out.toString().contains("FAILED RACE-1: race handover-"), out.toString());
        List<Path> files;
        try (Stream<Path> s = Files.list(races)) {
            files = s.sorted().toList();
        }
        assertTrue(!files.isEmpty());
        Path repro = files.get(0);
        assertEquals(ExitCode.FAILED, run("race", "--replay", repro.toString()), out.toString());
        Path fixed = dir.resolve("fixed.dms");
        Files.writeString(fixed, Files.readString(repro).replaceAll("(?m)^# bug: .*$", "# bug: none"));
        assertEquals(ExitCode.OK, run("race", "--replay", fixed.toString()), out.toString());
        assertTrue(out.toString().contains("passed: race fixed"), out.toString());
    }

    @Test
    void badInputIsAUsageError() throws Exception {
        Path bad = dir.resolve("bad.dms");
        Files.writeString(bad, "# race: setup\ndisk d 8\n# race: thread\nread /dev/disk/d 0 1\n# race: schedule 1\n");
        assertEquals(2, run("race", "--replay", bad.toString()));
        assertEquals(2, run("race", "--replay", dir.resolve("missing.dms").toString()));
        assertEquals(2, run("race", "--bug", "no-such-bug"));
    }
}
