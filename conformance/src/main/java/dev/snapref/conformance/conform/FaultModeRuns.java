package dev.snapref.conformance.conform;

import dev.snapref.conformance.clause.Clause;
import dev.snapref.conformance.fault.ModeSummary;
import dev.snapref.conformance.fault.ScriptMode;
import dev.snapref.conformance.fault.ScriptModeCampaign;
import dev.snapref.conformance.fuzz.FuzzCampaign;
import dev.snapref.conformance.fuzz.Shard;
import dev.snapref.conformance.gen.GeneratorConfig;
import dev.snapref.conformance.guard.PhaseCrash;
import dev.snapref.conformance.guard.PhaseGuard;
import dev.snapref.conformance.guard.ScriptRerun;
import dev.snapref.conformance.targets.SteppableTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The fault modes of issue 7 inside a conformance run of the engine: a short time-bounded campaign
 * each of crash consistency ({@link Clause#CRS_1}), injected I/O errors ({@link Clause#FLT_1}) and
 * corrupt cow images ({@link Clause#CIM_1}), with the run's seed and bug switch. Each campaign's
 * count of scripts (images) is the clause's evidence, each of its (shrunk) failures fails the
 * clause, and its counts become one note of the report.
 *
 * <p>Each campaign is a phase of the run's {@link PhaseGuard} ({@code crash}, {@code faults},
 * {@code corrupt-images}): a throwable that escapes it fails the mode's clause with a crash
 * reproducer (the script it was on, shrunk with the mode's own re-run), and the next mode still
 * runs. Limits: the modes drive the engine's own block devices (a {@code FaultyBlockDevice} under
 * each cow), so they say nothing about other targets; a campaign is bounded by time, so the counts
 * vary from run to run (the scripts tried for a seed do not); the corrupt-image campaign does not
 * name its current image to the guard, so a throw that escapes it has no script to carry.
 */
final class FaultModeRuns {
    /** Share of the fuzz seconds each mode gets, and the least it gets. */
    static final double SHARE = 0.10;
    static final double MIN_SECONDS = 2.0;

    private FaultModeRuns() {
    }

    /** Seconds each mode runs for a run with {@code fuzzSeconds} of fuzzing (0: the modes do not run). */
    static double secondsEach(double fuzzSeconds) {
        return fuzzSeconds <= 0 ? 0 : Math.max(MIN_SECONDS, SHARE * fuzzSeconds);
    }

    /** What the three modes share: the run's seed and bug, where files go, the model, the guard. */
    record Context(long seed, double fuzzSeconds, String bug, Path out, SteppableTarget model, PhaseGuard guard) {
    }

    /** Runs the three modes; adds clause evidence and failures to {@code evidence}; returns the notes. */
    static List<String> run(Context ctx, FaultModeCampaigns campaigns, ClauseEvidence evidence) {
        double seconds = secondsEach(ctx.fuzzSeconds());
        List<String> notes = new ArrayList<>();
        if (seconds <= 0) {
            notes.add("fault modes (crash, faults, corrupt-images) not run: no fuzz seconds");
            return notes;
        }
        FuzzCampaign.Config config = new FuzzCampaign.Config(ctx.seed(), Long.toString(ctx.seed()), null, seconds,
                Shard.ALL, ctx.out() == null ? null : ctx.out().resolve("fault-reproducers"), ctx.bug(),
                GeneratorConfig.classic(5, 40), 300, false);
        scriptMode(ctx, "crash", Clause.CRS_1, campaigns::crash, config, evidence, notes);
        scriptMode(ctx, "faults", Clause.FLT_1, campaigns::faults, config, evidence, notes);
        guarded(ctx, "corrupt-images", Clause.CIM_1, null, () -> campaigns.corruptImages(config), evidence, notes);
        return notes;
    }

    private static void scriptMode(Context ctx, String phase, Clause clause, Supplier<ScriptMode> mode,
                                   FuzzCampaign.Config config, ClauseEvidence evidence, List<String> notes) {
        ScriptRerun[] rerun = new ScriptRerun[1];
        ScriptRerun lazy = (s, seed) -> rerun[0] == null ? Optional.empty() : rerun[0].run(s, seed);
        guarded(ctx, phase, clause, lazy, () -> {
            ScriptModeCampaign c = new ScriptModeCampaign(config, mode.get(), ctx.model());
            rerun[0] = c.rerun();
            return c.onScript((s, seed) -> ctx.guard().at(s, seed, phase + " script seed "
                    + Long.toUnsignedString(seed))).run();
        }, evidence, notes);
    }

    private static void guarded(Context ctx, String phase, Clause clause, ScriptRerun rerun,
                                Supplier<ModeSummary> campaign, ClauseEvidence evidence,
                                List<String> notes) {
        ModeSummary[] summary = new ModeSummary[1];
        evidence.phase(phase);
        Optional<PhaseCrash> crash = ctx.guard().run(phase, ctx.seed(), rerun, () -> summary[0] = campaign.get());
        if (summary[0] != null) {
            record(summary[0], clause, evidence, notes);
        }
        crash.ifPresent(c -> {
            evidence.fail(clause, c.summary());
            notes.add(phase + ": the campaign threw " + c.cause().headline() + " (" + clause.id() + " fails)");
        });
    }

    private static void record(ModeSummary s, Clause clause, ClauseEvidence evidence, List<String> notes) {
        evidence.exercised(clause, s.scripts(), s.mode() + " campaign");
        boolean crash = clause == Clause.CRS_1;
        if (crash && s.count("merge-crash-points") > 0) {
            evidence.exercised(Clause.CRS_2, s.count("merges-crash-checked") + s.count("stacked-merges-crash-checked"),
                    "crash campaign (merges crash-checked: appended ones, and LVM scripts' own)");
        }
        if (clause == Clause.FLT_1 && s.count("scripts-with-merge-failed") > 0) {
            evidence.exercised(Clause.MRG_6, s.count("scripts-with-merge-failed"), "faults campaign (merges appended)");
        }
        for (String f : s.failures()) {
            evidence.fail(crash && f.contains("merge-lost-data") ? Clause.CRS_2 : clause, s.mode() + ": " + f);
        }
        notes.add(String.format("%s (%.1f s)", s.note(), s.nanos() / 1e9));
    }
}
