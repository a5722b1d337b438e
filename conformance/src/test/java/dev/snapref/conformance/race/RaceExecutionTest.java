package dev.snapref.conformance.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.conformance.targets.model.ModelTarget;
import dev.snapref.scenario.ScriptError;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The controlled run: same schedule, same run; a wait nobody ends is a deadlock, not a hang. */
class RaceExecutionTest {
    private static final String SUSPEND_AGAINST_READ = """
            # race: setup
            disk origin 64
            dmsetup create origin --table '0 64 snapshot-origin /dev/disk/origin'
            write /dev/mapper/origin 0 8 PRE
            # race: thread
            dmsetup suspend origin
            # race: thread
            read /dev/mapper/origin 0 8
            # race: check
            dmsetup info origin
            """;

    @Test
    void aReadHeldByASuspendThatNobodyResumesIsADeadlock() throws ScriptError {
        RaceScenario sc = RaceText.parse("held.dms", SUSPEND_AGAINST_READ).scenario();
        RaceExecution exec = new RaceExecution(sc, Set.of(), 10_000);
        RaceRun readFirst = exec.run(new Schedule(List.of(1, 1, 1, 1, 1)), true);
        assertEquals(Optional.empty(), readFirst.abnormal(), "the read runs before the suspend");
        RaceRun suspendFirst = exec.run(new Schedule(List.of(0)));
        assertTrue(suspendFirst.abnormal().orElse("").startsWith("deadlock: every thread waits (thread 2 at gate"),
                suspendFirst.abnormal().toString());
        Optional<String> verdict = new SequentialSpec(new ModelTarget(), sc).verdict(suspendFirst);
        assertTrue(verdict.isPresent(), "a deadlock is a failure of the race");
    }

    @Test
    void theSameScheduleGivesTheSameRun() throws ScriptError {
        RaceScenario sc = RaceScenarios.forSeed(5).get(0);
        RaceExecution exec = new RaceExecution(sc, Set.of(), 10_000);
        RaceRun a = exec.run(new Schedule(List.of(0, 1, 1, 0)), true);
        RaceRun b = exec.run(a.schedule());
        assertEquals(a.decisions(), b.decisions());
        assertEquals(a.ops(), b.ops());
        assertEquals(a.check(), b.check());
        assertEquals(a.world(), b.world());
    }
}
