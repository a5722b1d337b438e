package dev.snapref.engine.block;

/**
 * What a {@link MemoryBlockDevice} remembers of its last {@link BlockDevice#rewrite} inside one
 * lock group: the range and the caller's buffer region it was made from. While remembered, the
 * range holds what the buffer held then (the device forgets it before anything else writes there).
 *
 * @param src    the caller's buffer (compared by identity)
 * @param off    the byte offset in {@code src} of the range's first sector
 * @param sector the first sector of the range
 * @param count  the sectors of the range
 */
record RewriteMirror(byte[] src, int off, long sector, int count) {
    /** Whether this remembers a rewrite of exactly this range from exactly this buffer region. */
    boolean holds(byte[] buf, int at, long first, int n) {
        return src == buf && off == at && sector == first && count == n;
    }
}
