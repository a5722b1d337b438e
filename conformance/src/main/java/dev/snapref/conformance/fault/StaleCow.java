package dev.snapref.conformance.fault;

import dev.snapref.scenario.SectorPattern;

/**
 * A reused cow disk: sector 0 is zero (so a persistent store on it starts as a new one) and every
 * other sector holds {@code stale@N}, so whatever the store does not write, zero in particular,
 * shows. The fault and crash modes start their cows like this, on both sides.
 */
final class StaleCow {
    /** The label the stale sectors carry. */
    static final String LABEL = "stale";

    private StaleCow() {
    }

    /** The image of a stale disk of {@code sectors} sectors. */
    static byte[] image(long sectors) {
        byte[] image = new byte[Math.toIntExact(sectors * SectorPattern.SECTOR_SIZE)];
        if (sectors > 1) {
            byte[] stale = SectorPattern.fill(LABEL, 1, (int) sectors - 1);
            System.arraycopy(stale, 0, image, SectorPattern.SECTOR_SIZE, stale.length);
        }
        return image;
    }
}
