package dev.snapref.model;

/**
 * A new exception of one request: its cow chunk was allocated when a piece of the request was
 * mapped; it is started (the origin chunk copied, or a whole-chunk snapshot write written, to
 * the cow) after every piece of its group was mapped, then committed to the store and
 * completed ({@link ExceptionCompletion}). Lives inside one step only.
 *
 * <p>Its outcome is set exactly once: success when the exception was published in the
 * snapshot's table, failure when the copy or the commit failed or the snapshot was invalid.
 */
final class PendingException {
    final SnapRef ref;
    /** The origin chunk. */
    final long chunk;
    /** The cow chunk allocated for it. */
    final long newChunk;
    /** First sector of the snapshot write that made it (unused for an origin write's copy). */
    final long sector;
    /** Sectors of that write. */
    final long count;
    /** The write's data (an image in the snapshot's coordinates); null for an origin write's copy. */
    final Disk data;
    /** The write covers the whole chunk and replaces the copy (start_full_bio). */
    final boolean full;
    private Boolean succeeded;

    PendingException(SnapRef ref, long chunk, long newChunk, long sector, long count, Disk data, boolean full) {
        assert !full || data != null : "only a snapshot write covers a chunk";
        this.ref = ref;
        this.chunk = chunk;
        this.newChunk = newChunk;
        this.sector = sector;
        this.count = count;
        this.data = data;
        this.full = full;
    }

    /** Records the outcome (once). */
    void completed(boolean success) {
        assert succeeded == null : "an exception completes once";
        succeeded = success;
    }

    /** Whether it was published (only after it completed). */
    boolean succeeded() {
        assert succeeded != null : "asked before completion";
        return succeeded;
    }
}
