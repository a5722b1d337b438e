package dev.snapref.conformance.conform;

import dev.snapref.conformance.clause.Clause;
import dev.snapref.conformance.guard.PhaseCrash;
import dev.snapref.conformance.guard.PhaseGuard;
import dev.snapref.conformance.race.RaceCampaign;
import dev.snapref.conformance.race.RaceFailure;
import dev.snapref.conformance.race.RaceSummary;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.engine.kernel.EngineBug;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The deterministic concurrency phase of a conformance run of the engine ({@code races}, clause
 * {@link Clause#RACE_1}): the {@link RaceCampaign} of the run's seed with the engine's bug
 * switches, its schedules counted as the clause's evidence, each failing race a failure of the
 * clause naming its schedule and reproducer ({@code OUT/race-reproducers/}).
 *
 * <p>Runs under the run's {@link PhaseGuard} as phase {@code races}: a throwable that escapes the
 * campaign fails RACE-1 with a crash reproducer (the race being explored, as its sequential
 * script), and the run goes on. A throwable of the engine inside a race is no crash of the phase:
 * the campaign reports it as that race's failure. Limits: bounded by preemptions and schedules,
 * not by time; about 5-10 s on the 2-core CI machine whatever {@code --seconds} says.
 */
final class RacePhase {
    private RacePhase() {
    }

    /** Runs the phase; adds evidence and failures to {@code evidence}; returns the report's notes. */
    static List<String> run(long seed, Set<EngineBug> bugs, Path out, SteppableTarget model, PhaseGuard guard,
                            ClauseEvidence evidence) {
        List<String> notes = new ArrayList<>();
        RaceSummary[] summary = new RaceSummary[1];
        Path folder = out == null ? null : out.resolve("race-reproducers");
        Optional<PhaseCrash> crash = guard.run("races", seed, null, () -> summary[0] =
                new RaceCampaign(RaceCampaign.Config.gate(seed, bugs, folder), model)
                        .onScenario(sc -> guard.at(sc.sequential(), seed, "race " + sc.name()))
                        .run());
        if (summary[0] != null) {
            evidence.exercised(Clause.RACE_1, summary[0].schedules(), "races campaign");
            for (RaceFailure f : summary[0].failures()) {
                evidence.fail(Clause.RACE_1, f.summary());
            }
            notes.add(summary[0].note());
        }
        crash.ifPresent(c -> {
            evidence.fail(Clause.RACE_1, c.summary());
            notes.add("races: the phase threw " + c.cause().headline() + " (RACE-1 fails)");
        });
        return notes;
    }
}
