package dev.snapref.conformance.fault;

import dev.snapref.engine.block.SparseImage;
import dev.snapref.engine.block.SparseImageEditor;
import dev.snapref.model.Disk;
import dev.snapref.scenario.SectorPattern;
import java.util.TreeMap;

/**
 * A reused cow disk: sector 0 is zero (so a persistent store on it starts as a new one) and the
 * other sectors of its first {@value #STALE_SECTORS} hold {@code stale@N}, so whatever the store
 * does not write there, zero in particular, shows. The fault and crash modes start their cows like
 * this, on both sides.
 *
 * <p>Limit: past sector {@value #STALE_SECTORS} (4 MiB, more than any small-profile cow) the disk is zero, so a cow of any size
 * costs at most 4 MiB of stale data on each side; a store that fails to write a metadata area that
 * far out is caught by the byte comparison only where the area should hold entries.
 */
final class StaleCow {
    /** The label the stale sectors carry. */
    static final String LABEL = "stale";
    /** Stale data ends here; the rest of a larger cow is zero. */
    static final long STALE_SECTORS = 1 << 13;

    private StaleCow() {
    }

    /** The image of a stale disk of {@code sectors} sectors. */
    static SparseImage image(long sectors) {
        SparseImageEditor e = new SparseImageEditor(SparseImage.zeroed(sectors));
        byte[] stale = staleBytes(sectors);
        e.write(1, stale, 0, stale.length / SectorPattern.SECTOR_SIZE);
        return e.build();
    }

    /** The model's disk {@code name} holding the same bytes as {@link #image}. */
    static Disk disk(String name, long sectors) {
        TreeMap<Long, byte[]> runs = new TreeMap<>();
        runs.put(1L, staleBytes(sectors));
        return Disk.fromImage(name, sectors, runs);
    }

    private static byte[] staleBytes(long sectors) {
        long n = Math.min(sectors, STALE_SECTORS);
        return n > 1 ? SectorPattern.fill(LABEL, 1, (int) n - 1) : new byte[0];
    }
}
