package dev.snapref.conformance.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.conformance.clause.Clause;
import dev.snapref.conformance.race.RaceCampaign;
import dev.snapref.conformance.race.RaceReproducer;
import dev.snapref.conformance.race.RaceText;
import dev.snapref.conformance.report.ClauseResult;
import dev.snapref.conformance.report.ClauseStatus;
import dev.snapref.conformance.report.ConformanceReport;
import dev.snapref.conformance.report.ReportFiles;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.conformance.targets.TargetOptions;
import dev.snapref.conformance.targets.TargetRun;
import dev.snapref.conformance.targets.TargetSession;
import dev.snapref.conformance.targets.engine.EngineTarget;
import dev.snapref.conformance.targets.model.ModelTarget;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.scenario.Script;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: the races phase of {@code conform} fails RACE-1 for a race bug switch with a
 * reproducer that replays (failing with the switch, admitted without it), and a throw that escapes
 * the phase fails RACE-1 through the phase guard instead of crashing the run.
 */
class RacePhaseTest {
    @TempDir
    Path dir;

    @Test
    void aRaceBugFailsRace1WithAReplayableReproducer() throws Exception {
        ConformanceReport r = new ConformanceRun(config(), model(),
                new EngineTarget(Set.of(EngineBug.PENDING_ON_OLD_STORE))).run(null);
        ClauseResult race = clause(r, Clause.RACE_1);
        assertEquals(ClauseStatus.FAIL, race.status());
        assertTrue(race.failures().get(0).contains("schedule"), race.failures().get(0));
        assertTrue(r.clauses().stream().filter(c -> c.clause() != Clause.RACE_1)
                .noneMatch(c -> c.status() == ClauseStatus.FAIL), "only RACE-1 fails");
        Path file;
        try (Stream<Path> s = Files.list(dir.resolve("out/race-reproducers"))) {
            file = s.sorted().findFirst().orElseThrow();
        }
        String text = Files.readString(file);
        assertTrue(text.startsWith("# " + RaceReproducer.MAGIC), text);
        assertEquals(Set.of(EngineBug.PENDING_ON_OLD_STORE), RaceReproducer.bugs(text));
        RaceText.Parsed p = RaceText.parse(file.toString(), text);
        assertTrue(p.hasSchedule());
        assertTrue(RaceCampaign.replay(p.scenario(), p.schedule(), RaceReproducer.bugs(text), model())
                .verdict().isPresent(), "the reproducer fails again with the bug switch");
        RaceCampaign.Replay fixed = RaceCampaign.replay(p.scenario(), p.schedule(), Set.of(), model());
        assertTrue(fixed.verdict().isEmpty(), () -> "the correct engine is admitted: " + fixed.verdict());
    }

    @Test
    void aThrowThatEscapesTheRacesPhaseFailsRace1() throws Exception {
        SteppableTarget throwing = new SteppableTarget() {
            @Override
            public String name() {
                return "model";
            }

            @Override
            public TargetRun run(Script script) {
                throw new AssertionError("planted: the model threw");
            }

            @Override
            public TargetSession open() {
                throw new AssertionError("planted: the model threw");
            }
        };
        ConformanceReport r = new ConformanceRun(config(), throwing, new EngineTarget()).run(null);
        ClauseResult race = clause(r, Clause.RACE_1);
        assertEquals(ClauseStatus.FAIL, race.status());
        assertTrue(race.failures().get(0).contains("planted: the model threw"), race.failures().get(0));
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("races: the phase threw")), r.notes().toString());
        assertFalse(r.passed());
        Path out = dir.resolve("report");
        assertEquals(List.of(), ReportFiles.write(out, r), "every renderer rendered");
        for (String name : ReportFiles.NAMES) {
            String text = Files.readString(out.resolve(name));
            assertTrue(text.contains("RACE-1") && text.contains("planted: the model threw"), name + " names RACE-1 and the throw");
        }
    }

    @Test
    void theRacesPhaseCanBeLeftOut() {
        ConformanceReport r = new ConformanceRun(config(), model(),
                new EngineTarget(Set.of(EngineBug.PENDING_ON_OLD_STORE))).withRaces(false).run(null);
        assertEquals(ClauseStatus.UNCOVERED, clause(r, Clause.RACE_1).status());
    }

    private ConformanceRun.Config config() {
        return new ConformanceRun.Config(null, 0, 1, List.of(), dir.resolve("out"), List.of());
    }

    private static ClauseResult clause(ConformanceReport r, Clause c) {
        return r.clauses().stream().filter(x -> x.clause() == c).findFirst().orElseThrow();
    }

    private static SteppableTarget model() {
        return (SteppableTarget) ModelTarget.fromOptions(TargetOptions.defaults());
    }
}
