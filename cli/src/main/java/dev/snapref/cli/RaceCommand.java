package dev.snapref.cli;

import dev.snapref.conformance.race.RaceCampaign;
import dev.snapref.conformance.race.RaceFailure;
import dev.snapref.conformance.race.RaceReproducer;
import dev.snapref.conformance.race.RaceSummary;
import dev.snapref.conformance.race.RaceText;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.scenario.ScriptError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code snapref race}: the gate's deterministic concurrency phase on its own — every race of the
 * seed explored schedule by schedule on the engine (with {@code --bug}), each checked against the
 * model; or {@code --replay FILE}: one race reproducer (a race text with its schedule) run again,
 * with the bug switch its header names unless {@code --bug} is given. Exit 1 when a schedule is
 * not admitted by the model, 2 for bad input.
 */
@Command(name = "race", mixinStandardHelpOptions = true,
        description = "Explore the engine's races deterministically against the model, or replay a race reproducer.")
public final class RaceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the race scenarios (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--bug", paramLabel = "NAME", description = "Turn on one engine bug switch (see 'snapref bugs').")
    String bug;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/races",
            description = "Folder for race reproducers (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--preemptions", defaultValue = "2", paramLabel = "N", converter = NumericOptions.Depth.class,
            description = "Preemptions per schedule at most (default ${DEFAULT-VALUE}).")
    int preemptions;

    @Option(names = "--schedules", defaultValue = "400", paramLabel = "N", converter = NumericOptions.Depth.class,
            description = "Schedules per race at most (default ${DEFAULT-VALUE}).")
    int schedules;

    @Option(names = "--replay", paramLabel = "FILE", description = "Run one race reproducer again.")
    Path replay;

    @Override
    public Integer call() {
        SteppableTarget model = CheckedTargets.steppable(new TargetMixin(), "model");
        PrintWriter pw = spec.commandLine().getOut();
        if (replay != null) {
            return replay(model, pw);
        }
        RaceSummary s = new RaceCampaign(new RaceCampaign.Config(seed, bugs(bug), preemptions, schedules, 20_000, out),
                model).run();
        pw.println(s.note());
        s.failures().forEach(f -> pw.println("FAILED RACE-1: " + f.summary()));
        pw.flush();
        return s.failures().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }

    private int replay(SteppableTarget model, PrintWriter pw) {
        String text;
        try {
            text = Files.readString(replay);
        } catch (IOException e) {
            throw new UsageException("cannot read " + replay + ": " + e);
        }
        RaceText.Parsed p;
        try {
            p = RaceText.parse(replay.toString(), text);
        } catch (ScriptError e) {
            throw new UsageException(e.getMessage());
        }
        Set<EngineBug> bugs = bug != null ? bugs(bug) : RaceReproducer.bugs(text);
        RaceCampaign.Replay r = RaceCampaign.replay(p.scenario(), p.schedule(), bugs, model);
        Optional<String> v = r.verdict();
        r.misfit().ifPresent(m -> pw.println("note: " + m + "; followed as far as it fits, then the default rule"));
        String what = "race " + p.scenario().name() + ", schedule " + (p.hasSchedule() ? p.schedule().render() : "(default)")
                + (bugs.isEmpty() ? "" : ", bug " + bugs.iterator().next().id());
        pw.println(v.map(d -> "FAILED RACE-1: " + what + ": " + d).orElse("passed: " + what
                + ": the model admits the run"));
        pw.flush();
        return v.isPresent() ? ExitCode.FAILED : ExitCode.OK;
    }

    private static Set<EngineBug> bugs(String name) {
        if (name == null) {
            return Set.of();
        }
        try {
            return Set.of(EngineBug.byId(name));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
