package dev.snapref.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gets one line naming what was wrong and the usage exit code; never a stack trace. */
class BadInputTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
        void assertNoStackTrace() {
            assertFalse(err.contains("\tat ") || out.contains("\tat "), "stack trace printed:\n" + err);
        }
    }

    private static Run run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run run(String... args) {
        return run(SnaprefCommand.newCommandLine(), args);
    }

    private static void assertUsageError(Run r, String... words) {
        assertEquals(ExitCode.USAGE, r.code(), r.err());
        for (String w : words) {
            assertTrue(r.err().contains(w), "missing '" + w + "' in: " + r.err());
        }
        r.assertNoStackTrace();
    }

    @Test
    void nonPositiveDurationsAndCountsAreUsageErrors() {
        assertUsageError(run("fuzz", "--seconds", "-5"), "--seconds", "positive number of seconds", "-5");
        assertUsageError(run("fuzz", "--seconds", "0"), "--seconds");
        assertUsageError(run("fuzz", "--seconds", "NaN"), "--seconds");
        assertUsageError(run("fuzz", "--scripts", "0"), "--scripts", "above zero");
        assertUsageError(run("fuzz", "--scripts", "-3"), "--scripts");
        assertUsageError(run("fuzz", "--max-steps", "0"), "--max-steps");
        assertUsageError(run("conform", "--seconds", "-1"), "--seconds");
        assertUsageError(run("conform", "--explorer-depth", "-1"), "--explorer-depth");
        assertUsageError(run("explore", "--depth", "-2"), "--depth");
        assertUsageError(run("explore", "--depth", "x"), "--depth", "not a whole number");
        assertUsageError(run("explore", "--workers", "0"), "--workers");
        assertUsageError(run("explore", "--config", "huge"), "--config", "huge", "default, lvm, rollover, stacks");
        assertUsageError(run("fuzz", "--sizes", "huge"), "--sizes", "small, lvm, swarm");
    }

    @Test
    void aScriptThatIsNotUtf8IsOneLineWithTheByteOffset() throws Exception {
        Path f = dir.resolve("latin1.dms");
        Files.write(f, new byte[] {'d', 'i', 's', 'k', ' ', 'o', (byte) 0xe9, ' ', '8', '\n'});
        Run r = run("run", "--target", "model", f.toString());
        assertUsageError(r, f.toString() + ":1:7", "not UTF-8", "byte offset 6", "0xe9");
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void aScriptOutsideTheModelsScopeIsOneLineNotAnInternalError() throws Exception {
        Path f = dir.resolve("by-number.dms");
        Files.writeString(f, "disk origin 64\ndisk cow 64\n"
                + "dmsetup create s1 --table '0 64 snapshot 253:0 /dev/disk/cow P 8'\n");
        Run r = run("run", "--target", "model", f.toString());
        assertUsageError(r, "outside the target's scope", "model", "253:0", "--target engine");
        assertFalse(r.err().contains("internal error"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void cowDumpOfANonCowSaysWhyAndDumpsOnlyWithForce() throws Exception {
        Path f = dir.resolve("garbage.img");
        byte[] junk = new byte[4096];
        junk[0] = 'G';
        junk[1] = 'I';
        junk[2] = 'F';
        Files.write(f, junk);
        Run r = run("cow", "dump", f.toString());
        assertEquals(ExitCode.FAILED, r.code(), r.err());
        assertTrue(r.err().contains("not a persistent snapshot cow image: bad magic"), r.err());
        assertEquals("", r.out());
        r.assertNoStackTrace();
        Run forced = run("cow", "dump", "--force", f.toString());
        assertEquals(ExitCode.OK, forced.code(), forced.err());
        assertFalse(forced.out().isEmpty());
    }

    @Test
    void anUnexpectedErrorIsOneLineUnlessVerbose() {
        CommandLine cl = SnaprefCommand.newCommandLine();
        cl.addSubcommand("boom", new CommandLine(new Boom()));
        Run quiet = run(cl, "boom");
        assertEquals(ExitCode.INTERNAL, quiet.code());
        assertTrue(quiet.err().contains("snapref: internal error: java.lang.IllegalStateException: planted"), quiet.err());
        assertTrue(quiet.err().contains("--verbose"), quiet.err());
        quiet.assertNoStackTrace();
        CommandLine cl2 = SnaprefCommand.newCommandLine();
        cl2.addSubcommand("boom", new CommandLine(new Boom()));
        Run verbose = run(cl2, "--verbose", "boom");
        assertEquals(ExitCode.INTERNAL, verbose.code());
        assertTrue(verbose.err().contains("\tat "), verbose.err());
    }

    @CommandLine.Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("planted");
        }
    }
}
