package dev.snapref.conformance.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.scenario.Script;
import dev.snapref.scenario.ScriptError;
import dev.snapref.scenario.ScriptParser;
import dev.snapref.scenario.WriteCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The phase guard: what it records, how it shrinks, what it skips and what it rethrows. */
class PhaseGuardTest {
    private static final String TEXT = """
            disk origin 64
            disk cow 64
            read /dev/disk/origin 0 8
            read /dev/disk/origin 8 8
            write /dev/disk/origin 0 8 A
            read /dev/disk/origin 0 8
            read /dev/disk/cow 0 8
            """;

    @TempDir
    Path dir;

    /** The planted bug: a script with a write throws, from this method (so its top frame is stable). */
    private static void planted(Script s) {
        if (s.commands().stream().anyMatch(c -> c instanceof WriteCommand)) {
            throw new AssertionError("planted: a write");
        }
    }

    private static Optional<Throwable> rerun(Script s) {
        planted(s);
        return Optional.empty();
    }

    private static Script script() throws ScriptError {
        return ScriptParser.parse("t", TEXT);
    }

    @Test
    void aThrowingPhaseIsACrashWithItsScriptShrunkAgainstTheRerun() throws Exception {
        PhaseGuard guard = new PhaseGuard(dir, "some-bug");
        Script s = script();
        Optional<PhaseCrash> c = guard.run("fuzz", 7, (x, seed) -> rerun(x), () -> {
            guard.at(s, 42, "fuzz script seed 42");
            planted(s);
        });
        PhaseCrash crash = c.orElseThrow();
        assertEquals("java.lang.AssertionError", crash.cause().className());
        assertEquals("42", crash.seed(), "the script's seed, not the phase's");
        assertEquals(7, crash.originalSteps());
        assertEquals(2, crash.shrunkSteps(), "the disk and the write: " + crash.shrinkNote());
        String text = Files.readString(crash.reproducer());
        for (String want : List.of("# phase: fuzz", "# seed: 42", "# bug: some-bug", "# exception: java.lang.AssertionError",
                "# message: planted: a write", "PhaseGuardTest.planted", "# shrink: shrunk 7 -> 2", "write /dev/disk/origin")) {
            assertTrue(text.contains(want), want + " in\n" + text);
        }
        assertTrue(crash.summary().startsWith("fuzz threw java.lang.AssertionError: planted: a write at "), crash.summary());
        assertFalse(guard.aborted());
    }

    @Test
    void aThrowDuringTheShrinkKeepsTheUnshrunkScript() throws Exception {
        PhaseGuard guard = new PhaseGuard(dir, null);
        AtomicInteger calls = new AtomicInteger();
        ScriptRerun breaking = (x, seed) -> {
            if (calls.incrementAndGet() > 1) {
                throw new InternalError("the shrinker's re-run broke");
            }
            return rerun(x);
        };
        PhaseCrash crash = guard.record("explorer", 1, "explorer script t", script(), new AssertionError("x"), breaking);
        assertTrue(crash.shrinkNote().startsWith("not shrunk"), crash.shrinkNote());
        PhaseCrash planted = guard.record("explorer", 1, "explorer script t", script(), catchPlanted(), breaking);
        assertTrue(planted.shrinkNote().contains("the shrink threw java.lang.InternalError"), planted.shrinkNote());
        assertEquals(7, planted.shrunkSteps(), "the unshrunk script is kept");
        assertTrue(Files.readString(planted.reproducer()).contains("read /dev/disk/cow 0 8"));
    }

    @Test
    void aRerunThatDoesNotThrowTheSameWayIsNotShrunk() throws Exception {
        PhaseGuard guard = new PhaseGuard(dir, null);
        PhaseCrash crash = guard.record("corpus", 1, "corpus t", script(), catchPlanted(), (x, seed) -> Optional.empty());
        assertTrue(crash.shrinkNote().contains("does not throw"), crash.shrinkNote());
        assertEquals(7, crash.shrunkSteps());
    }

    @Test
    void aFatalErrorIsRecordedWithoutARerunAndSkipsTheLaterPhases() throws Exception {
        PhaseGuard guard = new PhaseGuard(dir, null);
        AtomicInteger reruns = new AtomicInteger();
        Script s = script();
        PhaseCrash crash = guard.run("fuzz", 1, (x, seed) -> {
            reruns.incrementAndGet();
            return Optional.empty();
        }, () -> {
            guard.at(s, 3, "fuzz script seed 3");
            throw new OutOfMemoryError("planted: Java heap space");
        }).orElseThrow();
        assertTrue(crash.fatal());
        assertEquals(0, reruns.get(), "a fatal error is not re-run");
        assertEquals("not shrunk: a fatal error is not re-run", crash.shrinkNote());
        assertTrue(guard.aborted());
        boolean[] ran = new boolean[1];
        assertTrue(guard.run("faults", 1, null, () -> ran[0] = true).isEmpty());
        assertFalse(ran[0], "later phases are skipped");
        assertEquals(List.of("faults"), guard.skipped());
        assertTrue(crash.summary().contains("later phases skipped"), crash.summary());
    }

    @Test
    void anInterruptionIsRethrownWithTheFlagSetAndNotRecorded() {
        PhaseGuard guard = new PhaseGuard(dir, null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> guard.run("fuzz", 1, null, () -> {
            throw new IllegalStateException("interrupted", new InterruptedException());
        }));
        assertTrue(Thread.interrupted(), "the interrupt flag is set (and cleared here)");
        assertTrue(e.getCause() instanceof InterruptedException);
        assertFalse(guard.aborted());
    }

    @Test
    void aReproducerThatCannotBeWrittenIsNotedNotThrown() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        PhaseCrash crash = new PhaseGuard(file, null).record("fuzz", 1, "", null, new AssertionError("x"), null);
        assertNull(crash.reproducer());
        assertTrue(crash.reproducerNote().startsWith("reproducer not written: "), crash.reproducerNote());
        assertTrue(crash.summary().contains("reproducer not written"), crash.summary());
    }

    @Test
    void severityDecidesWhatIsAFailure() {
        assertEquals(Severity.FAILURE, Severity.of(new AssertionError()));
        assertEquals(Severity.FAILURE, Severity.of(new StackOverflowError()));
        assertEquals(Severity.FAILURE, Severity.of(new ExceptionInInitializerError()));
        assertEquals(Severity.FATAL, Severity.of(new OutOfMemoryError()));
        assertEquals(Severity.FATAL, Severity.of(new InternalError()));
        assertEquals(Severity.INTERRUPTION, Severity.of(new RuntimeException(new InterruptedException())));
    }

    private static Throwable catchPlanted() throws ScriptError {
        try {
            planted(script());
        } catch (AssertionError e) {
            return e;
        }
        throw new IllegalStateException("the planted bug did not fire");
    }
}
