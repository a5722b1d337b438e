package dev.snapref.conformance.race;

import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.engine.kernel.EngineBug;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The deterministic concurrency phase: every race of {@link RaceScenarios#forSeed} explored
 * systematically ({@link ScheduleExplorer}) on the engine with its bug switches, each schedule's
 * results checked against the model as sequential specification ({@link SequentialSpec}); a
 * schedule it does not admit is a failure with a reproducer (the race as a script plus the
 * schedule, {@link RaceText}) that {@code snapref race --replay FILE} runs again.
 *
 * <p>Guarantees: deterministic for a seed, bug set and bounds (no wall clock decides anything;
 * only a stalled run is timed out); a scenario stops at its first failing schedule. Limits: bounded
 * by preemptions and by schedules per scenario; races outside the scenarios are not explored.
 */
public final class RaceCampaign {
    /**
     * What to run.
     *
     * @param maxPreemptions bound of preemptions per schedule
     * @param maxSchedules   schedules per scenario at most
     * @param stallMs        how long a worker may run without reaching a schedule point
     * @param out            folder for reproducers (null: none written)
     */
    public record Config(long seed, Set<EngineBug> bugs, int maxPreemptions, int maxSchedules, long stallMs, Path out) {
        public Config {
            bugs = Set.copyOf(bugs);
        }

        /** The gate's bounds: two preemptions, 400 schedules per scenario, 20 s stall timeout. */
        public static Config gate(long seed, Set<EngineBug> bugs, Path out) {
            return new Config(seed, bugs, 2, 400, 20_000, out);
        }
    }

    private final Config config;
    private final SteppableTarget model;
    private Consumer<RaceScenario> onScenario = s -> { };

    public RaceCampaign(Config config, SteppableTarget model) {
        this.config = config;
        this.model = model;
    }

    /** Called before each scenario (the phase guard names it in a crash reproducer). */
    public RaceCampaign onScenario(Consumer<RaceScenario> callback) {
        this.onScenario = callback;
        return this;
    }

    public RaceSummary run() {
        long start = System.nanoTime();
        List<RaceScenario> scenarios = RaceScenarios.forSeed(config.seed());
        List<RaceFailure> failures = new ArrayList<>();
        long schedules = 0;
        int exhausted = 0;
        for (RaceScenario sc : scenarios) {
            onScenario.accept(sc);
            ScheduleExplorer.Result r = ScheduleExplorer.explore(
                    new RaceExecution(sc, config.bugs(), config.stallMs()), new SequentialSpec(model, sc),
                    config.maxPreemptions(), config.maxSchedules());
            schedules += r.schedules();
            exhausted += r.exhausted() ? 1 : 0;
            r.found().ifPresent(f -> failures.add(failure(sc, f)));
        }
        return new RaceSummary(config.seed(), scenarios.size(), schedules, exhausted, config.maxPreemptions(), failures,
                System.nanoTime() - start);
    }

    private RaceFailure failure(RaceScenario sc, ScheduleExplorer.Found f) {
        Schedule s = f.run().schedule();
        Path file = null;
        if (config.out() != null) {
            file = config.out().resolve(sc.name() + ".dms");
            write(file, RaceReproducer.render(sc, f.run(), f.verdict(), config.seed(), config.bugs()));
        }
        return new RaceFailure(sc.name(), s, f.run().preemptions(), f.verdict(), file);
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The verdict of a replay (empty: the model admits the run) and, when the schedule did not
     * fit this engine, where it stopped fitting.
     */
    public record Replay(Optional<String> verdict, Optional<String> misfit) {
    }

    /**
     * Runs one race under one schedule and judges it. A schedule that does not fit this engine
     * (recorded with a bug switch the engine does not have, say) is followed as far as it fits,
     * then the default rule decides.
     */
    public static Replay replay(RaceScenario sc, Schedule schedule, Set<EngineBug> bugs, SteppableTarget model) {
        RaceExecution exec = new RaceExecution(sc, bugs, 20_000);
        SequentialSpec spec = new SequentialSpec(model, sc);
        try {
            return new Replay(spec.verdict(exec.run(schedule)), Optional.empty());
        } catch (IllegalArgumentException e) {
            return new Replay(spec.verdict(exec.run(schedule, true)), Optional.of(e.getMessage()));
        }
    }
}
