package dev.snapref.cli;

import dev.snapref.conformance.fault.CorruptImageCampaign;
import dev.snapref.conformance.fault.CrashCampaign;
import dev.snapref.conformance.fault.FaultCampaign;
import dev.snapref.conformance.fault.Finding;
import dev.snapref.conformance.fault.ModeSummary;
import dev.snapref.conformance.fault.ScriptMode;
import dev.snapref.conformance.fault.ScriptModeCampaign;
import dev.snapref.conformance.fuzz.FuzzCampaign;
import dev.snapref.conformance.fuzz.Reproducer;
import dev.snapref.conformance.fuzz.Seeds;
import dev.snapref.conformance.fuzz.Shard;
import dev.snapref.conformance.gen.GeneratorConfig;
import dev.snapref.conformance.guard.PhaseCrash;
import dev.snapref.conformance.guard.PhaseGuard;
import dev.snapref.conformance.guard.ScriptRerun;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.ScriptError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code snapref fuzz --faults | --crash | --corrupt-images}: the fault modes of issue 7. Each
 * campaign runs under a {@link PhaseGuard}, so a throwing engine ends as a failure with a
 * reproducer and exit 1, never as a stack trace.
 */
final class FaultModes {
    private FaultModes() {
    }

    static int run(FuzzCommand cmd, Shard shard, Long scripts, Double seconds) throws IOException {
        Set<EngineBug> bugs;
        try {
            bugs = cmd.target.bug == null ? Set.of() : Set.of(EngineBug.byId(cmd.target.bug));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        FuzzCampaign.Config config = new FuzzCampaign.Config(Seeds.parse(cmd.seed), cmd.seed, scripts, seconds, shard,
                cmd.out, cmd.target.bug, GeneratorConfig.classic(Math.min(5, cmd.maxSteps), cmd.maxSteps).withSizes(cmd.sizes), 300, false);
        PrintWriter pw = cmd.spec.commandLine().getOut();
        if (cmd.mode.corruptImages) {
            if (cmd.replay != null) {
                throw new UsageException("--replay works with --faults and --crash (a corrupt-image reproducer is an image:"
                        + " check it with 'snapref cow check')");
            }
            ModeSummary s = guarded("corrupt-images", config, null, () -> new CorruptImageCampaign(config, bugs).run());
            return finish(pw, s, config);
        }
        ScriptMode mode = cmd.mode.crash ? new CrashCampaign(bugs) : new FaultCampaign(bugs);
        ScriptModeCampaign campaign = new ScriptModeCampaign(config, mode, CheckedTargets.steppable(cmd.target, "model"));
        if (cmd.replay != null) {
            return replay(pw, campaign, cmd);
        }
        PhaseGuard guard = new PhaseGuard(config.out(), config.bug());
        campaign.onScript((sc, sd) -> guard.at(sc, sd, mode.name() + " script seed " + Long.toUnsignedString(sd)));
        return finish(pw, guarded(guard, mode.name(), config, campaign.rerun(), campaign::run), config);
    }

    /**
     * Runs a mode's campaign under a {@link PhaseGuard}: the campaigns already turn a throw for one
     * script (image) into a failure; should anything escape all the same, the summary is that one
     * failure, with a crash reproducer in the output folder (exit 1, no stack trace).
     */
    static ModeSummary guarded(String phase, FuzzCampaign.Config config, ScriptRerun rerun,
                                       Supplier<ModeSummary> campaign) {
        return guarded(new PhaseGuard(config.out(), config.bug()), phase, config, rerun, campaign);
    }

    private static ModeSummary guarded(PhaseGuard guard, String phase, FuzzCampaign.Config config, ScriptRerun rerun,
                                       Supplier<ModeSummary> campaign) {
        ModeSummary[] summary = new ModeSummary[1];
        Optional<PhaseCrash> crash = guard.run(phase, config.seed(), rerun, () -> summary[0] = campaign.get());
        if (crash.isEmpty()) {
            return summary[0];
        }
        return new ModeSummary(phase, config.seedText(), config.shard().toString(), 0, Map.of(),
                List.of(crash.get().summary()), 0);
    }

    private static int finish(PrintWriter pw, ModeSummary s, FuzzCampaign.Config config) throws IOException {
        if (config.out() != null) {
            try {
                s.save(config.out());
            } catch (IOException e) {
                throw new UsageException("cannot write the summary to " + config.out() + ": " + e);
            }
        }
        pw.print(s.render());
        pw.flush();
        return s.failures().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }

    private static int replay(PrintWriter pw, ScriptModeCampaign campaign, FuzzCommand cmd) throws IOException {
        String text = Files.readString(cmd.replay);
        Script script;
        try {
            script = Script.load(cmd.replay);
        } catch (ScriptError e) {
            throw new UsageException(cmd.replay + ": " + e.getMessage());
        }
        long seed = Reproducer.header(text, "seed").map(Long::parseUnsignedLong).orElse(0L);
        Optional<Finding> f = campaign.replay(script, seed);
        pw.println(f.map(x -> "FAIL " + x.signature() + ": " + x.detail()).orElse("PASS"));
        pw.flush();
        return f.isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }
}
