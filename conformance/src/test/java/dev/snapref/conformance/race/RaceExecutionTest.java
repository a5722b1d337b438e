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

    /**
     * The merge worker a thread's resume starts is adopted as thread 3: it runs only when the
     * schedule says so (so the merge and the handover interleave the same way each time), and
     * the run ends once it has finished too.
     */
    @Test
    void theMergeWorkerIsOneMoreScheduledThread() {
        RaceScenario sc = RaceScenarios.forSeed(1).stream().filter(r -> r.name().equals("merge-against-handover"))
                .findFirst().orElseThrow();
        RaceExecution exec = new RaceExecution(sc, Set.of(), 10_000);
        RaceRun a = exec.run(Schedule.DEFAULT);
        assertEquals(Optional.empty(), a.abnormal());
        assertTrue(a.decisions().stream().anyMatch(d -> d.chosen() == 2 && d.where().startsWith("start of merge-")),
                a.decisions().toString());
        assertTrue(a.decisions().stream().anyMatch(d -> d.where().equals("merge: copied")), a.decisions().toString());
        Schedule preempting = new Schedule(List.of(0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 0, 1, 1, 0));
        RaceRun b = exec.run(preempting, true);
        RaceRun c = exec.run(b.schedule());
        assertEquals(b.decisions(), c.decisions());
        assertEquals(b.check(), c.check());
        assertEquals(Optional.empty(), new SequentialSpec(new ModelTarget(), sc).verdict(c));
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
