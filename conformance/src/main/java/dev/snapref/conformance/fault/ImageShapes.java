package dev.snapref.conformance.fault;

import dev.snapref.engine.store.DiskFormat;
import java.util.HashSet;
import java.util.Set;

/**
 * Which run shapes a cow image's exception entries hold, read back as read_exceptions reads them
 * (areas in order, each up to its first entry with new chunk 0, the next one only after a full
 * area): an entry whose old and new chunks are one above an earlier entry's in the same 256-chunk
 * group (an upward run, grown at its end by dm_insert_exception) or one below (a downward run, grown
 * at its start). For the campaign's counts only: it judges nothing.
 *
 * <p>Limits: looks at the entries' stored values as written (a stored count in the top bits makes
 * an entry match nothing); an image whose header chunk size is not a power of two up to 2^20 has no
 * shapes.
 *
 * @param upward   some entry continues an earlier one upwards
 * @param downward some entry continues an earlier one downwards
 */
record ImageShapes(boolean upward, boolean downward) {
    private static final int SECTOR = 512;

    /** The shapes of {@code image}'s entries. */
    static ImageShapes of(byte[] image) {
        if (image.length < 16) {
            return new ImageShapes(false, false);
        }
        long chunk = DiskFormat.le32(image, 12) & 0xFFFF_FFFFL;
        if (chunk == 0 || Long.bitCount(chunk) != 1 || chunk > 1 << 20) {
            return new ImageShapes(false, false);
        }
        long e = DiskFormat.exceptionsPerArea(chunk);
        Set<Pair> seen = new HashSet<>();
        boolean up = false;
        boolean down = false;
        for (long area = 0; ; area++) {
            long base = DiskFormat.areaLocation(e, area) * chunk * SECTOR;
            for (long i = 0; i < e; i++) {
                long at = base + i * DiskFormat.ENTRY_BYTES;
                if (at + DiskFormat.ENTRY_BYTES > image.length) {
                    return new ImageShapes(up, down);
                }
                long old = DiskFormat.le64(image, (int) at);
                long stored = DiskFormat.le64(image, (int) at + 8);
                if (stored == 0) {
                    return new ImageShapes(up, down);
                }
                up |= old >>> 8 == (old - 1) >>> 8 && seen.contains(new Pair(old - 1, stored - 1));
                down |= old >>> 8 == (old + 1) >>> 8 && seen.contains(new Pair(old + 1, stored + 1));
                seen.add(new Pair(old, stored));
            }
        }
    }

    private record Pair(long old, long stored) {
    }
}
