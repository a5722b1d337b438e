package dev.snapref.conformance.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.conformance.targets.TargetRun;
import dev.snapref.conformance.targets.engine.EngineTarget;
import dev.snapref.conformance.targets.model.ModelTarget;
import dev.snapref.engine.block.SparseImage;
import dev.snapref.model.BlockRequests;
import dev.snapref.model.Disk;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.ScriptParser;
import dev.snapref.scenario.SectorPattern;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's "done when": a script on a 512 TiB origin (2^40 sectors) with a 4 GiB persistent cow
 * runs on the model and on the engine with identical transcripts, passes the checked run (every
 * step, refinement, and the end-of-script data check over the whole of every disk), and the engine's
 * images stay sparse. A difference planted three quarters into the origin, which the script never
 * touches, is found by the end-of-script check: it covers the whole disk, not a prefix.
 */
class LargeDisksTest {
    private static final long ORIGIN = 1L << 40;
    private static final long END = ORIGIN - 16;
    private static final long MIDDLE = ORIGIN / 2 + 8;

    private static final String SCRIPT = String.join("\n",
            "disk origin " + ORIGIN,
            "disk cow 8388608",
            "dmsetup create origin --table '0 " + ORIGIN + " snapshot-origin /dev/disk/origin'",
            "write /dev/mapper/origin 0 16 PRE",
            "write /dev/mapper/origin " + MIDDLE + " 16 PRE",
            "write /dev/mapper/origin " + END + " 16 PRE",
            "dmsetup create snap1 --table '0 " + ORIGIN + " snapshot /dev/disk/origin /dev/disk/cow P 8'",
            "write /dev/mapper/origin 0 8 POST",
            "write /dev/mapper/origin " + MIDDLE + " 8 POST",
            "write /dev/mapper/origin " + END + " 16 POST",
            "write /dev/mapper/snap1 " + (END - 8) + " 8 SNAP",
            "dmsetup load snap2 --table '0 " + ORIGIN + " snapshot /dev/disk/origin /dev/disk/cow P 8'",
            "dmsetup create snap2 --notable",
            "dmsetup load snap2 --table '0 " + ORIGIN + " snapshot /dev/disk/origin /dev/disk/cow P 8'",
            "dmsetup suspend snap1",
            "dmsetup resume snap2",
            "dmsetup remove snap1",
            "read /dev/mapper/snap2 0 16",
            "read /dev/mapper/snap2 " + MIDDLE + " 16",
            "read /dev/mapper/snap2 " + (END - 8) + " 24",
            "read /dev/mapper/origin " + END + " 16",
            "dmsetup status snap2",
            "");

    @Test
    void a512TiBOriginRunsTheSameOnModelAndEngine() throws Exception {
        Script script = ScriptParser.parse("lvm-512t", SCRIPT);
        TargetRun model = new ModelTarget().run(script);
        TargetRun engine = new EngineTarget().run(script);
        assertEquals(model.transcript().render(), engine.transcript().render());
        assertTrue(engine.transcript().render().contains((END - 8) + "-" + (END - 1) + " SNAP"),
                engine.transcript().render());
        CheckResult r = new DifferentialChecker(new ModelTarget(), new EngineTarget(), true).check(script);
        assertTrue(r.passed(), () -> r.failure().map(Failure::detail).orElse(""));

        SparseImage origin = engine.disks().get("origin");
        assertEquals(ORIGIN, origin.sectors());
        assertTrue(origin.dataPages() <= 8, "the origin keeps its data pages only: " + origin);
        byte[] last = new byte[16 * SectorPattern.SECTOR_SIZE];
        origin.read(END, last, 0, 16);
        assertArrayEquals(SectorPattern.fill("POST", END, 16), last);
    }

    @Test
    void theEndOfScriptCheckReachesFarIntoA512TiBDisk() throws Exception {
        Script script = ScriptParser.parse("lvm-512t", SCRIPT);
        long far = ORIGIN - ORIGIN / 4;
        Disk planted = Disk.zeroed("origin", ORIGIN).writePattern(far, 8, "PLANTED");
        ModelTarget model = new ModelTarget(() -> BlockRequests.traced(Set.of(), null, Map.of("origin", planted)));
        CheckResult r = new DifferentialChecker(model, new EngineTarget(), true).check(script);
        Failure f = r.failure().orElseThrow();
        assertEquals(FailureKind.DATA, f.kind(), f.detail());
        assertTrue(f.detail().contains("sector " + far + ":"), f.detail());
    }
}
