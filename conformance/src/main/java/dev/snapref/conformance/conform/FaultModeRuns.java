package dev.snapref.conformance.conform;

import dev.snapref.conformance.clause.Clause;
import dev.snapref.conformance.fault.CorruptImageCampaign;
import dev.snapref.conformance.fault.CrashCampaign;
import dev.snapref.conformance.fault.FaultCampaign;
import dev.snapref.conformance.fault.ModeSummary;
import dev.snapref.conformance.fault.ScriptModeCampaign;
import dev.snapref.conformance.fuzz.FuzzCampaign;
import dev.snapref.conformance.fuzz.Shard;
import dev.snapref.conformance.gen.GeneratorConfig;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.engine.kernel.EngineBug;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The fault modes of issue 7 inside a conformance run of the engine: a short time-bounded campaign
 * each of crash consistency ({@link Clause#CRS_1}), injected I/O errors ({@link Clause#FLT_1}) and
 * corrupt cow images ({@link Clause#CIM_1}), with the run's seed and bug switch. Each campaign's
 * count of scripts (images) is the clause's evidence, each of its (shrunk) failures fails the
 * clause, and its counts become one note of the report.
 *
 * <p>Limits: the modes drive the engine's own block devices (a {@code FaultyBlockDevice} under
 * each cow), so they say nothing about other targets; a campaign is bounded by time, so the counts
 * vary from run to run (the scripts tried for a seed do not).
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

    /** Runs the three modes; adds clause evidence and failures to {@code evidence}; returns the notes. */
    static List<String> run(long seed, double fuzzSeconds, Set<EngineBug> bugs, String bug, Path out,
                            SteppableTarget model, ClauseEvidence evidence) {
        double seconds = secondsEach(fuzzSeconds);
        List<String> notes = new ArrayList<>();
        if (seconds <= 0) {
            notes.add("fault modes (crash, faults, corrupt-images) not run: no fuzz seconds");
            return notes;
        }
        FuzzCampaign.Config config = new FuzzCampaign.Config(seed, Long.toString(seed), null, seconds, Shard.ALL,
                out == null ? null : out.resolve("fault-reproducers"), bug, new GeneratorConfig(5, 40), 300, false);
        record(new ScriptModeCampaign(config, new CrashCampaign(bugs), model).run(), Clause.CRS_1, evidence, notes);
        record(new ScriptModeCampaign(config, new FaultCampaign(bugs), model).run(), Clause.FLT_1, evidence, notes);
        record(new CorruptImageCampaign(config, bugs).run(), Clause.CIM_1, evidence, notes);
        return notes;
    }

    private static void record(ModeSummary s, Clause clause, ClauseEvidence evidence, List<String> notes) {
        evidence.exercised(clause, s.scripts(), s.mode() + " campaign");
        for (String f : s.failures()) {
            evidence.fail(clause, s.mode() + ": " + f);
        }
        notes.add(String.format("%s (%.1f s)", s.note(), s.nanos() / 1e9));
    }
}
