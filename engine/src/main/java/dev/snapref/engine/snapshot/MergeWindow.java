package dev.snapref.engine.snapshot;

/**
 * The chunks a merge is copying now (first_merging_chunk, num_merging_chunks): writes to them
 * wait until the run is committed (then they are mapped again) or the merge fails (then they fail
 * with EIO). Guarded by the merging snapshot's lock; waiters wait on its condition.
 */
final class MergeWindow {
    private final long first;
    private final long count;
    private boolean released;
    private boolean failed;

    MergeWindow(long first, long count) {
        this.first = first;
        this.count = count;
    }

    /** Whether {@code chunk} is being merged. */
    boolean covers(long chunk) {
        return chunk >= first && chunk - first < count;
    }

    /** The run was committed ({@code failed} false) or the merge failed. */
    void release(boolean failed) {
        assert !released : "window released twice";
        released = true;
        this.failed = failed;
    }

    boolean released() {
        return released;
    }

    boolean failed() {
        return failed;
    }
}
