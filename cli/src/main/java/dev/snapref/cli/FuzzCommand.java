package dev.snapref.cli;

import dev.snapref.conformance.check.DifferentialChecker;
import dev.snapref.conformance.fuzz.FuzzCampaign;
import dev.snapref.conformance.fuzz.FuzzSummary;
import dev.snapref.conformance.fuzz.Seeds;
import dev.snapref.conformance.fuzz.Shard;
import dev.snapref.conformance.gen.GeneratorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code snapref fuzz}: a differential fuzz campaign of the model against the engine, with
 * shrinking and replayable reproducers. Exit 1 on any failure.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = "Fuzz the engine against the model with generated scripts; shrink and save every failure.")
public final class FuzzCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetMixin target;

    static final class Bound {
        @Option(names = "--seconds", paramLabel = "N", description = "Run for N seconds.")
        Double seconds;

        @Option(names = "--scripts", paramLabel = "N", description = "Run N scripts (deterministic).")
        Long scripts;
    }

    @ArgGroup(exclusive = true)
    Bound bound = new Bound();

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Campaign seed: a number, 0xHEX, or any text such as a git commit hash (default ${DEFAULT-VALUE}).")
    String seed;

    @Option(names = "--shard", defaultValue = "0/1", paramLabel = "I/N", description = "Run shard I of N (default ${DEFAULT-VALUE}).")
    String shard;

    @Option(names = "--out", defaultValue = "target/fuzz", paramLabel = "DIR",
            description = "Where reproducers and fuzz-summary.txt go (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--max-steps", defaultValue = "40", description = "Most random commands per script.")
    int maxSteps;

    @Option(names = "--no-refinement", description = "Skip the abstract-state comparison after every step.")
    boolean noRefinement;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    static final class Mode {
        @Option(names = "--faults", description = "Fault injection: EIO and torn writes on the cows (per-seed atlas).")
        boolean faults;

        @Option(names = "--crash", description = "Crash consistency: crash at every cow write and flush, reopen, check.")
        boolean crash;

        @Option(names = "--corrupt-images", description = "Mutated cow images: load consistently or be rejected as the kernel does.")
        boolean corruptImages;
    }

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    @Option(names = "--replay", paramLabel = "FILE",
            description = "With --faults or --crash: re-check one reproducer (its seed header) instead of fuzzing.")
    Path replay;

    @Override
    public Integer call() throws IOException {
        Shard s;
        try {
            s = Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Long scripts = bound.scripts;
        Double seconds = bound.seconds;
        if (scripts == null && seconds == null) {
            seconds = 60.0;
        }
        if (mode.faults || mode.crash || mode.corruptImages) {
            return FaultModes.run(this, s, scripts, seconds);
        }
        if (target.name.equals("kernel")) {
            return KernelFuzz.run(this, s, scripts, seconds);
        }
        String candidate = target.name.equals("model") ? "engine" : target.name;
        DifferentialChecker checker = CheckedTargets.checker(target, candidate, !noRefinement);
        FuzzCampaign.Config config = new FuzzCampaign.Config(Seeds.parse(seed), seed, scripts, seconds, s, out,
                target.bug, new GeneratorConfig(Math.min(5, maxSteps), maxSteps), 400, false);
        FuzzCampaign campaign = new FuzzCampaign(config, CheckedTargets.steppable(target, "model"), checker,
                quiet ? null : System.err);
        if (target.bug != null) {
            campaign.withBaseline(CheckedTargets.correctChecker(target, candidate, !noRefinement));
        }
        FuzzSummary summary = campaign.run();
        summary.save(out, FuzzCampaign.clausesKnown());
        PrintWriter pw = spec.commandLine().getOut();
        pw.print(summary.render(FuzzCampaign.clausesKnown()));
        pw.printf("checked commands/s: %.0f (model + %s + comparison + invariants%s)%n", summary.commandsPerSecond(),
                candidate, noRefinement ? "" : " + refinement");
        pw.flush();
        return summary.failures().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }
}
