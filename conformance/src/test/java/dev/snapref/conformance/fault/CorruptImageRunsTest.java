package dev.snapref.conformance.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.conformance.fuzz.FuzzCampaign;
import dev.snapref.conformance.fuzz.Shard;
import dev.snapref.conformance.gen.GeneratorConfig;
import dev.snapref.engine.store.DiskFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The corrupt-image mode's base images hold the run shapes the kernel's exception table joins
 * (dm_insert_exception: upward and downward runs, and rarely a run grown past 255 chunks, its
 * BUG_ON), and the campaign reaches them within the 100 images of seed 1 that the gate's mutation
 * killer runs; a BUG_ON image is out of scope but must not load on the engine; a run of exactly 256
 * chunks (count 255) is no BUG_ON.
 */
class CorruptImageRunsTest {
    private static final int CHUNK = 8;

    /** The killer's corrupt-image campaign: 100 images of seed 1, stopping at the first failure. */
    private static FuzzCampaign.Config killerConfig() {
        return new FuzzCampaign.Config(1, "1", 100L, null, Shard.ALL, null, null, GeneratorConfig.classic(5, 40), 0,
                true);
    }

    @Test
    void theKillersHundredImagesReachEveryRunShape() {
        ModeSummary s = new CorruptImageCampaign(killerConfig(), Set.of()).run();
        assertEquals(0, s.failures().size(), s.render());
        assertEquals(100, s.count("images"));
        assertTrue(s.count("images-loaded-with-downward-runs") > 5, s.render());
        assertTrue(s.count("images-loaded-with-upward-runs") > 5, s.render());
        assertTrue(s.count("images-bug-on") > 0, s.render());
        assertEquals(s.count("images-bug-on"), s.count("images-out-of-scope"), "only BUG_ON is out of scope");
        assertTrue(s.count("images-bug-on") <= 10, "BUG_ON images stay rare: " + s.render());
    }

    @Test
    void baseEntriesAreWellFormedButForTheBugOnRunsStoredCount() {
        for (long seed = 0; seed < 300; seed++) {
            Random rnd = new Random(seed);
            long e = DiskFormat.exceptionsPerArea(1L << rnd.nextInt(4));
            int n = rnd.nextInt((int) (3 * e) + 1);
            List<long[]> entries = ImageRuns.entries(rnd, n, e);
            assertEquals(n, entries.size());
            Set<Long> olds = new HashSet<>();
            Set<Long> cows = new HashSet<>();
            int counted = 0;
            for (long[] x : entries) {
                assertTrue(olds.add(x[0]), "seed " + seed + ": old chunk " + x[0] + " twice");
                long cow = x[1] & 0x00FF_FFFF_FFFF_FFFFL;
                assertTrue(cows.add(cow) && cow >= 2 && !DiskFormat.isAreaChunk(e, cow), "seed " + seed + ": cow " + cow);
                counted += x[1] >>> 56 != 0 ? 1 : 0;
            }
            assertTrue(counted <= 1, "seed " + seed + ": at most the BUG_ON run's first entry carries a count");
        }
    }

    @Test
    void aRunGrownPast255ChunksIsOutOfScopeAndTheEngineRefusesIt() {
        byte[] image = image(List.of(new long[] {5, (255L << 56) | 3}, new long[] {4, 2}));
        Map<String, Long> counts = new TreeMap<>();
        assertEquals(Optional.empty(), new CorruptImageCampaign(null, Set.of()).check(image, counts));
        assertEquals(1L, counts.get("images-bug-on"), counts.toString());
        assertEquals(1L, counts.get("images-out-of-scope"), counts.toString());
    }

    @Test
    void aWholeGroupWrittenDownwardsIsARunOf256ChunksAndLoads() {
        List<long[]> entries = new java.util.ArrayList<>();
        for (int i = 255; i >= 0; i--) {
            entries.add(new long[] {i, 2 + i});
        }
        byte[] image = image(entries);
        assertTrue(ImageShapes.of(image).downward());
        assertFalse(ImageShapes.of(image).upward());
        Map<String, Long> counts = new TreeMap<>();
        assertEquals(Optional.empty(), new CorruptImageCampaign(null, Set.of()).check(image, counts));
        assertEquals(1L, counts.get("images-loaded"), counts.toString());
        assertEquals(256L, counts.get("exceptions-loaded"), counts.toString());
    }

    /** A chunk-8 store with {@code entries} in area 0 (256 at most), room for area 1 and a few chunks. */
    private static byte[] image(List<long[]> entries) {
        long e = DiskFormat.exceptionsPerArea(CHUNK);
        byte[] img = new byte[(int) ((DiskFormat.areaLocation(e, 1) + 4) * CHUNK * 512)];
        DiskFormat.putLe32(img, 0, DiskFormat.MAGIC);
        DiskFormat.putLe32(img, 4, 1);
        DiskFormat.putLe32(img, 8, DiskFormat.VERSION);
        DiskFormat.putLe32(img, 12, CHUNK);
        for (int i = 0; i < entries.size(); i++) {
            int at = (int) (DiskFormat.areaLocation(e, 0) * CHUNK * 512) + i * DiskFormat.ENTRY_BYTES;
            DiskFormat.putLe64(img, at, entries.get(i)[0]);
            DiskFormat.putLe64(img, at + 8, entries.get(i)[1]);
        }
        return img;
    }
}
