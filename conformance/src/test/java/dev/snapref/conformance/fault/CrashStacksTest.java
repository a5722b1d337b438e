package dev.snapref.conformance.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.conformance.gen.GeneratorConfig;
import dev.snapref.conformance.gen.LvmScriptGenerator;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.conformance.targets.TargetOptions;
import dev.snapref.conformance.targets.model.ModelTarget;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.ScriptParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Crash mode on LVM-shaped scripts (cows on linear devices over one PV, the origin on the same
 * PV): crash points on the PV's requests, the PV's crash images compared whole, each cow reloaded
 * through a linear device over its range.
 */
class CrashStacksTest {
    private static final int SEEDS = 12;

    private static Script lvm(long seed) {
        SteppableTarget model = (SteppableTarget) ModelTarget.fromOptions(TargetOptions.defaults());
        return new LvmScriptGenerator(new GeneratorConfig(5, 30)).generate(seed, model::open);
    }

    private static List<Finding> run(Set<EngineBug> bugs, Map<String, Long> counts) {
        return run(bugs, SEEDS, counts);
    }

    private static List<Finding> run(Set<EngineBug> bugs, int seeds, Map<String, Long> counts) {
        CrashCampaign crash = new CrashCampaign(bugs);
        List<Finding> out = new ArrayList<>();
        for (long seed = 1; seed <= seeds; seed++) {
            Optional<Finding> f = crash.check(crash.prepare(lvm(seed), seed), seed, counts);
            f.ifPresent(out::add);
        }
        return out;
    }

    @Test
    void theCorrectEnginePassesAtEveryCrashPointOfThePv() {
        Map<String, Long> counts = new TreeMap<>();
        List<Finding> findings = run(Set.of(), counts);
        assertEquals(List.of(), findings, counts.toString());
        assertTrue(counts.getOrDefault("scripts-stacked", 0L) >= SEEDS / 2, counts.toString());
        assertTrue(counts.getOrDefault("crash-points-on-pvs", 0L) > 100, counts.toString());
        assertTrue(counts.getOrDefault("stacked-reloads", 0L) > 100, counts.toString());
        assertTrue(counts.getOrDefault("exceptions-verified", 0L) > 10, counts.toString());
        assertTrue(counts.getOrDefault("crash-points-with-model-properties", 0L) > 10, counts.toString());
        assertTrue(counts.getOrDefault("stacked-merges-crash-checked", 0L) > 0, counts.toString());
        assertTrue(counts.getOrDefault("merge-crash-points", 0L) > 0, counts.toString());
    }

    /**
     * A metadata area written without flushing the copied chunks first: the engine's requests to
     * the PV part from the model's (no flush before the area's FUA write), and a crash image after
     * the area would hold exceptions whose data never landed.
     */
    @Test
    void aCommitWithoutFlushIsFoundOnThePv() {
        Map<String, Long> counts = new TreeMap<>();
        List<Finding> findings = run(Set.of(EngineBug.COMMIT_WITHOUT_FLUSH), counts);
        assertTrue(!findings.isEmpty(), counts.toString());
        Finding f = findings.get(0);
        assertTrue(f.signature().startsWith("crash:"), f.toString());
        assertTrue(f.detail().contains("pv"), f.toString());
    }

    /**
     * A merge that clears the merged records before flushing the origin (fcc42338375a) loses no
     * data when origin and cow are LVs of one PV: the record-clearing commit is sent with
     * REQ_PREFLUSH to the cow, and that flush of the PV makes the origin's copy durable as well.
     * The missing origin flush is still a different request on the PV: found as such, never as
     * lost merge data.
     */
    @Test
    void aMergeCommittedBeforeTheOriginFlushIsARequestDifferenceOnOnePv() {
        Map<String, Long> counts = new TreeMap<>();
        List<Finding> findings = run(Set.of(EngineBug.MERGE_COMMIT_BEFORE_FLUSH), 40, counts);
        assertTrue(!findings.isEmpty(), counts.toString());
        assertTrue(counts.getOrDefault("merge-crash-points", 0L) > 0, counts.toString());
        for (Finding f : findings) {
            assertEquals("crash:requests-diverged", f.signature(), f.toString());
            assertTrue(f.detail().contains("model flush"), f.toString());
        }
    }

    /**
     * A second snapshot-merge load that fails ("A snapshot is already merging") leaves the first
     * one inactive, and the resume merges that one: the merge crash check takes the merge the model
     * ran (vg-s1-cow), not the last load's words (vg-s3-cow, a transient snapshot's cow, whose
     * reload after the origin write legitimately reads other data). Found as a false
     * {@code crash:merge-lost-data} by {@code fuzz --crash --scripts 10000 --seed 22}, script 3923.
     */
    @Test
    void theMergeCheckedIsTheOneTheResumeStarted() throws Exception {
        Script s = ScriptParser.parse("merge-load-refused", String.join("\n",
                "disk pv 8190",
                "dmsetup create vg-o-real --table '0 1 linear /dev/disk/pv 2048'",
                "dmsetup create vg-o --table '0 1 snapshot-origin /dev/mapper/vg-o-real'",
                "dmsetup create vg-s1-cow --table '0 16 linear /dev/disk/pv 4096'",
                "dmsetup create vg-s1 --table '0 1 snapshot /dev/mapper/vg-o-real /dev/mapper/vg-s1-cow PO 4'",
                "dmsetup create vg-s3-cow --table '0 32 linear /dev/disk/pv 4264'",
                "dmsetup create vg-s3 --table '0 1 snapshot /dev/mapper/vg-o-real /dev/mapper/vg-s3-cow N 4'",
                "dmsetup load vg-o --table '0 1 snapshot-merge /dev/mapper/vg-o-real /dev/mapper/vg-s1-cow P 8'",
                "write /dev/mapper/vg-o 0 1 A",
                "dmsetup suspend vg-s1",
                "dmsetup load vg-o --table '0 1 snapshot-merge /dev/mapper/vg-o-real /dev/mapper/vg-s3-cow P 16'",
                "dmsetup resume vg-o", ""));
        Map<String, Long> counts = new TreeMap<>();
        assertEquals(Optional.empty(), new CrashCampaign(Set.of()).check(s, 1, counts), counts.toString());
        assertEquals(1L, counts.get("stacked-merges-crash-checked"), counts.toString());
        assertTrue(counts.get("merge-crash-points") > 1, counts.toString());
    }

    /**
     * A cow on two levels of linear (not one segment of a disk) is skipped and counted; the other
     * cow on the same PV is still crashed and reloaded there.
     */
    @Test
    void aCowThatIsNoSingleLinearSegmentIsSkippedAndCounted() throws Exception {
        Script s = ScriptParser.parse("two-level-cow", String.join("\n",
                "disk pv 16384",
                "dmsetup create vg-o-real --table '0 256 linear /dev/disk/pv 2048'",
                "dmsetup create vg-o --table '0 256 snapshot-origin /dev/mapper/vg-o-real'",
                "dmsetup create lower --table '0 512 linear /dev/disk/pv 4096'",
                "dmsetup create vg-s1-cow --table '0 512 linear /dev/mapper/lower 0'",
                "dmsetup create vg-s1 --table '0 256 snapshot /dev/mapper/vg-o-real /dev/mapper/vg-s1-cow P 8'",
                "dmsetup create vg-s2-cow --table '0 512 linear /dev/disk/pv 8192'",
                "dmsetup create vg-s2 --table '0 256 snapshot /dev/mapper/vg-o-real /dev/mapper/vg-s2-cow P 8'",
                "write /dev/mapper/vg-o 0 16 A",
                "write /dev/mapper/vg-o 64 16 B", ""));
        Map<String, Long> counts = new TreeMap<>();
        assertEquals(Optional.empty(), new CrashCampaign(Set.of()).check(s, 1, counts), counts.toString());
        assertEquals(1L, counts.get("stacked-cows-not-single-linear"), counts.toString());
        assertEquals(1L, counts.get("stacked-cow-slices"), counts.toString());
        assertTrue(counts.get("crash-points-on-pvs") > 4 && counts.get("stacked-reloads") > 4, counts.toString());
        assertTrue(counts.get("exceptions-verified") > 0, counts.toString());
    }
}
