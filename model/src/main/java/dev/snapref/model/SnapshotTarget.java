package dev.snapref.model;

/**
 * A {@code snapshot} or {@code snapshot-merge} target instance (one per table; the kernel's one
 * struct dm_snapshot serves both target types).
 *
 * @param originDisk  the origin device's volume key ({@link Volumes})
 * @param cowDisk     the cow device's volume key
 * @param valid       false once invalidated (all I/O then fails with EIO; a merge target sends
 *                    I/O to the origin instead)
 * @param active      set by the first resume, never cleared
 * @param overflowed  a PO store ran out of space (writes fail, reads are served)
 * @param features    0, 1 (discard_zeroes_cow) or 2 (and discard_passdown_origin)
 * @param store       the exception store and completed exceptions this target holds now
 * @param merge       the table is {@code snapshot-merge}: it merges its exceptions into the origin
 * @param mergeFailed a merge step failed ("Merge failed" status); merging stopped
 * @param mergeBoundary a merge target's I/O split (max_io_len) as its last resume set it: the
 *                    smallest chunk size of the origin's snapshots then; 0 before
 */
public record SnapshotTarget(String originDisk, String cowDisk, boolean valid, boolean active, boolean overflowed,
                             int features, Store store, boolean merge, boolean mergeFailed, long mergeBoundary)
        implements Target {
    /** A {@code snapshot} target (not merging). */
    public SnapshotTarget(String originDisk, String cowDisk, boolean valid, boolean active, boolean overflowed,
                          int features, Store store) {
        this(originDisk, cowDisk, valid, active, overflowed, features, store, false, false, 0);
    }

    public SnapshotTarget {
        assert merge || !mergeFailed : "only a merge target fails to merge";
    }

    @Override
    public String typeName() {
        return merge ? "snapshot-merge" : "snapshot";
    }

    public SnapshotTarget withValid(boolean v) {
        return new SnapshotTarget(originDisk, cowDisk, v, active, overflowed, features, store, merge, mergeFailed, mergeBoundary);
    }

    public SnapshotTarget withActive() {
        return new SnapshotTarget(originDisk, cowDisk, valid, true, overflowed, features, store, merge, mergeFailed, mergeBoundary);
    }

    public SnapshotTarget withOverflowed(boolean o) {
        return new SnapshotTarget(originDisk, cowDisk, valid, active, o, features, store, merge, mergeFailed, mergeBoundary);
    }

    public SnapshotTarget withStore(Store s) {
        return new SnapshotTarget(originDisk, cowDisk, valid, active, overflowed, features, s, merge, mergeFailed, mergeBoundary);
    }

    /** This target as a {@code snapshot-merge} table. */
    public SnapshotTarget asMerge() {
        return new SnapshotTarget(originDisk, cowDisk, valid, active, overflowed, features, store, true, mergeFailed, mergeBoundary);
    }

    /** This merge target with the I/O split its resume computed. */
    public SnapshotTarget withMergeBoundary(long b) {
        assert merge : "only a merge target has a merge boundary";
        return new SnapshotTarget(originDisk, cowDisk, valid, active, overflowed, features, store, true, mergeFailed, b);
    }

    /** This merge target after a failed merge step. */
    public SnapshotTarget withMergeFailed() {
        assert merge : "only a merge target fails to merge";
        return new SnapshotTarget(originDisk, cowDisk, valid, active, overflowed, features, store, true, true, mergeBoundary);
    }
}
