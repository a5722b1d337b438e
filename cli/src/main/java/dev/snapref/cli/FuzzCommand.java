package dev.snapref.cli;

import dev.snapref.conformance.check.DifferentialChecker;
import dev.snapref.conformance.fuzz.FuzzCampaign;
import dev.snapref.conformance.fuzz.FuzzSummary;
import dev.snapref.conformance.fuzz.Seeds;
import dev.snapref.conformance.fuzz.Shard;
import dev.snapref.conformance.gen.GeneratorConfig;
import dev.snapref.conformance.gen.SizeProfile;
import dev.snapref.conformance.guard.PhaseCrash;
import dev.snapref.conformance.guard.PhaseGuard;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code snapref fuzz}: a differential fuzz campaign of the model against the engine, with
 * shrinking and replayable reproducers. Exit 1 on any failure; a throwing engine is a failure with
 * a reproducer (in every mode, {@code --faults}, {@code --crash} and {@code --corrupt-images}
 * included), never a stack trace.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = "Fuzz the engine against the model with generated scripts; shrink and save every failure.")
public final class FuzzCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetMixin target;

    static final class Bound {
        @Option(names = "--seconds", paramLabel = "N", converter = NumericOptions.PositiveSeconds.class, description = "Run for N seconds.")
        Double seconds;

        @Option(names = "--scripts", paramLabel = "N", converter = NumericOptions.PositiveCount.class, description = "Run N scripts (deterministic).")
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

    @Option(names = "--max-steps", defaultValue = "40", converter = NumericOptions.PositiveInt.class, description = "Most random commands per script.")
    int maxSteps;

    @Option(names = "--sizes", defaultValue = "small", paramLabel = "small|lvm|swarm", converter = SizesConverter.class,
            description = "Disk sizes of generated scripts: small (256-4096 sector origins, the default), lvm (origins of"
                    + " 1 GiB to 512 TiB, cows of 1 MiB to 4 GiB, I/O around hot spots; disks stay sparse), swarm (each"
                    + " script draws: about one in four LVM-sized).")
    SizeProfile sizes;

    @Option(names = "--no-refinement", description = "Skip the abstract-state comparison after every step.")
    boolean noRefinement;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    static final class Mode {
        @Option(names = "--faults", description = "Fault injection: one fault per script on a cow (EIO on a read, write or flush, or a"
                + " torn write), the same fault in model and engine.")
        boolean faults;

        @Option(names = "--crash", description = "Crash consistency: crash at every cow write and flush; model and engine crash"
                + " images and reloads must agree.")
        boolean crash;

        @Option(names = "--corrupt-images", description = "Mutated cow images: model and engine load the same image and must agree.")
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
                target.bug, GeneratorConfig.withShapes(Math.min(5, maxSteps), maxSteps).withSizes(sizes), 400, false);
        FuzzCampaign campaign = new FuzzCampaign(config, CheckedTargets.steppable(target, "model"), checker,
                quiet ? null : System.err);
        if (target.bug != null) {
            campaign.withBaseline(CheckedTargets.correctChecker(target, candidate, !noRefinement));
        }
        FuzzSummary summary = guarded(campaign, checker, config);
        try {
            summary.save(out, FuzzCampaign.clausesKnown());
        } catch (IOException e) {
            throw new UsageException("cannot write the fuzz summary to " + out + ": " + e);
        }
        PrintWriter pw = spec.commandLine().getOut();
        pw.print(summary.render(FuzzCampaign.clausesKnown()));
        pw.printf("checked commands/s: %.0f (model + %s + comparison + invariants%s)%n", summary.commandsPerSecond(),
                candidate, noRefinement ? "" : " + refinement");
        pw.flush();
        return summary.failures().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }

    /**
     * Runs the campaign under a {@link PhaseGuard}: the campaign already turns a throw for one
     * script into a failure; should anything escape it all the same (a fatal error, a throw
     * outside its scripts), the summary is that one failure, with a crash reproducer in the
     * output folder, and the command exits 1 instead of printing a stack trace.
     */
    private FuzzSummary guarded(FuzzCampaign campaign, DifferentialChecker checker, FuzzCampaign.Config config) {
        PhaseGuard guard = new PhaseGuard(out, target.bug);
        DifferentialChecker quiet = checker.withoutObserver();
        campaign.onScript((sc, sd) -> guard.at(sc, sd, "fuzz script seed " + Long.toUnsignedString(sd)));
        FuzzSummary[] summary = new FuzzSummary[1];
        Optional<PhaseCrash> crash = guard.run("fuzz", config.seed(), (sc, sd) -> quiet.crash(sc),
                () -> summary[0] = campaign.run());
        if (crash.isEmpty()) {
            return summary[0];
        }
        return new FuzzSummary(seed, config.shard().toString(), 0, 0, 0, Map.of(), List.of(crash.get().summary()));
    }
}
