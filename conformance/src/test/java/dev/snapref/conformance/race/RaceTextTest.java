package dev.snapref.conformance.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.scenario.ScriptError;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The text form of races: sections, schedules, round trip, errors with line numbers. */
class RaceTextTest {
    private static final String TEXT = """
            # a comment
            # race: setup
            disk origin 64
            disk cow 64
            dmsetup create origin --table '0 64 snapshot-origin /dev/disk/origin'
            # race: thread
            write /dev/mapper/origin 0 8 A
            read /dev/mapper/origin 0 8
            # race: thread
            dmsetup suspend origin
            dmsetup resume origin
            # race: check
            read /dev/mapper/origin 0 8
            # race: schedule 1 2 2 1
            """;

    @Test
    void sectionsAndScheduleAreRead() throws ScriptError {
        RaceText.Parsed p = RaceText.parse("r.dms", TEXT);
        assertEquals("r", p.scenario().name());
        assertEquals(3, p.scenario().setup().size());
        assertEquals(2, p.scenario().threads().size());
        assertEquals(2, p.scenario().threads().get(1).size());
        assertEquals(1, p.scenario().check().size());
        assertEquals(List.of(0, 1, 1, 0), p.schedule().choices());
        assertEquals(8, p.scenario().sequential().commands().size());
    }

    @Test
    void renderThenParseGivesTheSameRace() throws ScriptError {
        RaceText.Parsed p = RaceText.parse("r.dms", TEXT);
        String again = RaceText.render(p.scenario(), Optional.of(p.schedule()), List.of("header"));
        RaceText.Parsed q = RaceText.parse("r.dms", again);
        assertEquals(p.scenario(), q.scenario());
        assertEquals(p.schedule(), q.schedule());
    }

    @Test
    void badTextNamesItsLine() {
        ScriptError e = assertThrows(ScriptError.class, () -> RaceText.parse("r.dms", "disk origin 64\n# race: thread\n"));
        assertEquals(1, e.line());
        ScriptError s = assertThrows(ScriptError.class, () -> RaceText.parse("r.dms",
                TEXT.replace("schedule 1 2 2 1", "schedule 1 11")));
        assertEquals(14, s.line());
        assertTrue(s.problem().contains("out of 1..10"), s.problem());
        ScriptError one = assertThrows(ScriptError.class, () -> RaceText.parse("r.dms",
                "# race: setup\ndisk d 8\n# race: thread\nread /dev/disk/d 0 1\n"));
        assertTrue(one.problem().contains("two threads"), one.problem());
    }

    @Test
    void everyGeneratedScenarioHasAnAdmittedDefaultSchedule() {
        for (RaceScenario sc : RaceScenarios.forSeed(3)) {
            RaceCampaign.Replay r = RaceCampaign.replay(sc, Schedule.DEFAULT, java.util.Set.of(),
                    new dev.snapref.conformance.targets.model.ModelTarget());
            assertTrue(r.verdict().isEmpty(), () -> sc.name() + ": " + r.verdict());
        }
    }
}
