package dev.snapref.model;

/**
 * A {@code snapshot} target instance (one per table).
 *
 * @param originDisk  the origin disk
 * @param cowDisk     the cow disk
 * @param valid       false once invalidated (all I/O then fails with EIO)
 * @param active      set by the first resume, never cleared
 * @param overflowed  a PO store ran out of space (writes fail, reads are served)
 * @param features    0, 1 (discard_zeroes_cow) or 2 (and discard_passdown_origin)
 * @param store       the exception store and completed exceptions this target holds now
 */
public record SnapshotTarget(String originDisk, String cowDisk, boolean valid, boolean active, boolean overflowed,
                             int features, Store store) implements Target {
    @Override
    public String typeName() {
        return "snapshot";
    }

    public SnapshotTarget withValid(boolean v) {
        return new SnapshotTarget(originDisk, cowDisk, v, active, overflowed, features, store);
    }

    public SnapshotTarget withActive() {
        return new SnapshotTarget(originDisk, cowDisk, valid, true, overflowed, features, store);
    }

    public SnapshotTarget withOverflowed(boolean o) {
        return new SnapshotTarget(originDisk, cowDisk, valid, active, o, features, store);
    }

    public SnapshotTarget withStore(Store s) {
        return new SnapshotTarget(originDisk, cowDisk, valid, active, overflowed, features, s);
    }
}
