package dev.snapref.engine.snapshot;

import dev.snapref.engine.util.LongLongMap;

/**
 * Reads in flight to the origin for chunks without a completed exception (the kernel's
 * tracked_chunk_hash): a pending exception of such a chunk does not complete until they have
 * finished, so no read sees the origin chunk change under it. Guarded by the snapshot's lock;
 * waiting happens on the snapshot's condition.
 */
final class TrackedChunks {
    private final LongLongMap reads = new LongLongMap();

    /** A read of {@code chunk} starts. */
    void track(long chunk) {
        reads.add(chunk, 1);
    }

    /** A read of {@code chunk} finished; returns whether none is left on it. */
    boolean untrack(long chunk) {
        long left = reads.add(chunk, -1);
        assert left >= 0 : "tracked count below zero";
        return left == 0;
    }

    /** Whether reads of {@code chunk} are in flight (no hash lookup when no read is in flight at all). */
    boolean busy(long chunk) {
        return reads.size() != 0 && reads.get(chunk, 0) > 0;
    }

    /** Whether no read is in flight at all. */
    boolean idle() {
        return reads.size() == 0;
    }
}
