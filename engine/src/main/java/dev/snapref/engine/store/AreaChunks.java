package dev.snapref.engine.store;

/**
 * Which chunks of a persistent store's cow are metadata areas (chunk {@value
 * DiskFormat#HEADER_CHUNKS} and every {@code exceptionsPerArea + 1} chunks after it): what
 * skip_metadata asks of the next free chunk on every allocation. The chunks asked mostly grow one
 * by one, so the first area chunk at or after the chunk last computed for is remembered and the
 * division recomputed only for a chunk past it or before that chunk (once per area in the usual
 * case). Chunk numbers are unsigned, as the kernel's.
 */
final class AreaChunks {
    private final long stride;
    /** The chunk {@link #next} was computed for (unsigned; the largest before the first question). */
    private long from = -1;
    /** The first area chunk at or after {@link #from} (if it did not wrap past 2^64). */
    private long next;

    AreaChunks(long exceptionsPerArea) {
        this.stride = exceptionsPerArea + 1;
    }

    /** Whether {@code chunk} is an area chunk: {@code chunk mod stride == HEADER_CHUNKS}. */
    boolean isArea(long chunk) {
        if (Long.compareUnsigned(chunk, from) < 0 || Long.compareUnsigned(chunk, next) > 0) {
            long r = Long.remainderUnsigned(chunk, stride);
            next = chunk - r + (r <= DiskFormat.HEADER_CHUNKS ? 0 : stride) + DiskFormat.HEADER_CHUNKS;
            from = chunk;
        }
        return chunk == next;
    }
}
