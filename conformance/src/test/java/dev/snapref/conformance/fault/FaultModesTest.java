package dev.snapref.conformance.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.conformance.fuzz.FuzzCampaign;
import dev.snapref.conformance.fuzz.Shard;
import dev.snapref.conformance.gen.GeneratorConfig;
import dev.snapref.conformance.targets.model.ModelTarget;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.conformance.targets.TargetOptions;
import dev.snapref.engine.kernel.EngineBug;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bounded runs of the three fault modes: the correct engine passes, planted bugs are found and shrunk. */
class FaultModesTest {
    @TempDir
    Path out;

    private FuzzCampaign.Config config(long scripts, String bug, boolean stop) {
        return new FuzzCampaign.Config(1, "1", scripts, null, Shard.ALL, out, bug, new GeneratorConfig(5, 40), 200, stop);
    }

    private static SteppableTarget model() {
        return (SteppableTarget) ModelTarget.fromOptions(TargetOptions.defaults());
    }

    @Test
    void crashModePassesTheCorrectEngineAndCountsWhatItTried() {
        ModeSummary s = new ScriptModeCampaign(config(40, null, false), new CrashCampaign(Set.of()), model()).run();
        assertEquals(0, s.failures().size(), s.render());
        assertTrue(s.count("crash-points") - s.count("crash-points-on-pvs") > 20, s.render());
        assertTrue(s.count("crash-points-on-pvs") > 20 && s.count("stacked-reloads") > 20, s.render());
        assertTrue(s.count("exceptions-verified") > 10, s.render());
        assertTrue(s.count("merge-crash-points") > 0, s.render());
    }

    @Test
    void crashModeFindsACommitWithoutFlushWithAShrunkReproducer() throws Exception {
        ScriptModeCampaign c = new ScriptModeCampaign(config(60, "commit-without-flush", true),
                new CrashCampaign(Set.of(EngineBug.COMMIT_WITHOUT_FLUSH)), model());
        ModeSummary s = c.run();
        assertEquals(1, s.failures().size(), s.render());
        assertTrue(s.failures().get(0).contains("crash:"), s.failures().get(0));
        Path repro = c.reproducers().get(0);
        String text = Files.readString(repro);
        assertTrue(text.contains("# mode: crash"));
        assertTrue(text.lines().filter(l -> !l.startsWith("#")).count() <= 10, text);
    }

    /**
     * A merge that clears the merged records before flushing the origin (fcc42338375a): a crash
     * after the area write loses the run (neither on the origin nor in the cow); the merge appended
     * to a generated script is checked at every crash point of both disks. An LVM script's own
     * lvconvert --merge meets the bug too: there the PV's requests part from the model's (the
     * origin's flush missing before the area write), a finding of its own signature.
     */
    @Test
    void crashModeFindsAMergeCommittedBeforeTheOriginFlush() throws Exception {
        ScriptModeCampaign c = new ScriptModeCampaign(config(80, "merge-commit-before-flush", false),
                new CrashCampaign(Set.of(EngineBug.MERGE_COMMIT_BEFORE_FLUSH)), model());
        ModeSummary s = c.run();
        int lost = -1;
        for (int i = 0; i < s.failures().size(); i++) {
            lost = s.failures().get(i).contains("crash:merge-lost-data") ? i : lost;
        }
        assertTrue(lost >= 0, s.render());
        String text = Files.readString(c.reproducers().get(lost));
        assertTrue(text.lines().filter(l -> !l.startsWith("#")).count() <= 10, text);
    }

    /**
     * A store that fills an area on a stale cow without zeroing the next one: the model zeroes it
     * (so the requests differ at once), and a crash image would load the stale area as exceptions.
     */
    @Test
    void crashModeFindsAForgottenZeroingOfTheNextArea() throws Exception {
        ScriptModeCampaign c = new ScriptModeCampaign(config(300, "forget-zero-next-area", true),
                new CrashCampaign(Set.of(EngineBug.FORGET_ZERO_NEXT_AREA)), model());
        ModeSummary s = c.run();
        assertEquals(1, s.failures().size(), s.render());
        assertTrue(s.failures().get(0).contains("crash:"), s.failures().get(0));
        String text = Files.readString(c.reproducers().get(0));
        assertTrue(text.lines().filter(l -> !l.startsWith("#")).count() <= 10, text);
    }

    @Test
    void faultModePassesTheCorrectEngine() {
        ModeSummary s = new ScriptModeCampaign(config(40, null, false), new FaultCampaign(Set.of()), model()).run();
        assertEquals(0, s.failures().size(), s.render());
        assertTrue(s.count("faults-fired") > 10, s.render());
        assertTrue(s.count("origin-disks-verified") > 10, s.render());
    }

    @Test
    void faultModeFindsACopyErrorReportedAsSuccess() throws Exception {
        ScriptModeCampaign c = new ScriptModeCampaign(config(150, "copy-error-reported-as-success", true),
                new FaultCampaign(Set.of(EngineBug.COPY_ERROR_REPORTED_AS_SUCCESS)), model());
        ModeSummary s = c.run();
        assertEquals(1, s.failures().size(), s.render());
        // the model fails the copy's request as the plan says and invalidates the snapshot; the buggy
        // engine reports the write as done: the transcripts part at that write (when the engine's
        // next cow request already differs, the request check reports it first, then that divergence)
        String failure = s.failures().get(0);
        String text = Files.readString(c.reproducers().get(0));
        assertTrue(failure.contains("faults:DIVERGENCE:WriteCommand:")
                || failure.contains("faults:requests-diverged") && text.contains("then DIVERGENCE at step")
                && text.contains("#    $ write "), failure + "\n" + text);
        assertTrue(text.contains("# faults: "), text);
        assertTrue(text.lines().filter(l -> !l.startsWith("#")).count() <= 8, text);
    }

    @Test
    void corruptImagesLoadAsTheKernelWouldOrAreRejected() {
        ModeSummary s = new CorruptImageCampaign(config(200, null, false), Set.of()).run();
        assertEquals(0, s.failures().size(), s.render());
        assertEquals(200, s.count("images"));
        assertTrue(s.count("images-rejected") > 10 && s.count("images-loaded") > 10, s.render());
        assertFalse(s.render().contains("java-exception"));
    }
}
