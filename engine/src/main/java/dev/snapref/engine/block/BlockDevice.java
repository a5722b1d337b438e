package dev.snapref.engine.block;

import java.io.IOException;

/**
 * A block device addressed in 512-byte sectors. Every request must lie inside the device; a
 * request that does not is an I/O error (like the block layer's end-of-device check).
 * Implementations are thread-safe; a single sector is written atomically with respect to reads
 * of that sector.
 */
public interface BlockDevice {
    int SECTOR_SIZE = 512;

    /** Size in sectors. */
    long sectors();

    /** Reads {@code count} sectors at {@code sector} into {@code dst[off..]}. */
    void read(long sector, byte[] dst, int off, int count) throws IOException;

    /**
     * Writes {@code count} sectors from {@code src[off..]} at {@code sector}.
     * With {@code fua} the data is durable when this returns (forced unit access).
     */
    void write(long sector, byte[] src, int off, int count, boolean fua) throws IOException;

    /**
     * Copies {@code count} sectors at {@code sector} of this device to {@code dst} at
     * {@code dstSector} (what kcopyd does for an exception): a read of this device, then a write of
     * {@code dst}, each an ordinary request with its own range check and failure. Not atomic: a
     * concurrent write to the source may or may not be seen. Implementations may move the data
     * without a caller buffer when they know the destination.
     */
    default void copyTo(long sector, BlockDevice dst, long dstSector, int count) throws IOException {
        byte[] buf = new byte[Math.multiplyExact(count, SECTOR_SIZE)];
        read(sector, buf, 0, count);
        dst.write(dstSector, buf, 0, count, false);
    }

    /**
     * Writes {@code count} sectors from {@code src[off..]} at {@code sector}: to whoever sees
     * requests (fault injection, request logs, a file) exactly {@link #write}, which is the
     * default. The caller expects only the {@code changedCount} sectors from {@code changedFrom}
     * (relative to {@code sector}) to differ from what the device holds (a metadata area rewritten
     * after one more entry), so a device that only keeps content may skip sectors that already
     * hold {@code src}'s bytes; it must still check the others (the expectation is a hint, and the
     * result is always that of {@link #write}), with one exception: the caller also states that,
     * outside the hinted sectors, the buffer region holds what it held at the caller's last
     * rewrite of the same range from the same region (or what it has read from the range since).
     * A device that knows nothing else has written the range since that rewrite may rely on this
     * statement and write the hinted sectors alone. A caller that cannot state it hints the
     * whole range.
     */
    default void rewrite(long sector, byte[] src, int off, int count, boolean fua, int changedFrom, int changedCount)
            throws IOException {
        write(sector, src, off, count, fua);
    }

    /**
     * Whether every request to this device completes on the calling thread without waiting for
     * another thread, taking a lock other than its own innermost ones or calling out to another
     * device: a caller may then issue requests while holding its own locks. False by default (a
     * mapped device's gate may hold a request off while it is suspended; a file waits for the
     * kernel).
     */
    default boolean completesInline() {
        return false;
    }

    /** Makes every completed write durable (a cache flush). */
    void flush() throws IOException;

    /** Checks that [sector, sector+count) lies inside a device of {@code size} sectors. */
    static void checkRange(long sector, long count, long size) throws IOException {
        if (sector < 0 || count < 0 || sector > size || count > size - sector) {
            throw new IOException("attempt to access beyond end of device: sector=" + sector
                    + " count=" + count + " size=" + size);
        }
    }
}
