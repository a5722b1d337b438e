package dev.snapref.model;

/**
 * A new exception of one request: its chunk was allocated and its origin data copied while the
 * request's pieces were mapped; it completes (commit, then the waiting snapshot write, if any)
 * after every piece of the request was mapped.
 *
 * @param ref      the snapshot
 * @param chunk    the origin chunk
 * @param newChunk the cow chunk allocated for it
 * @param sector   first sector of the snapshot write waiting for it (unused without a label)
 * @param count    sectors of that write
 * @param label    the write's data label; null for an origin write's copy
 * @param landed   the write covered the whole chunk and went straight to the cow at map time
 *                 (start_full_bio), so it is on the cow whatever the completion finds
 */
record PendingException(SnapRef ref, long chunk, long newChunk, long sector, long count, String label,
                        boolean landed) {
}
