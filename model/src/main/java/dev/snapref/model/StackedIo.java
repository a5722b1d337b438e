package dev.snapref.model;

import java.util.function.UnaryOperator;

/**
 * The requests a target makes of the devices its table names (dm_io / kcopyd / a remapped bio),
 * for any volume key: a disk's go to the block layer ({@link World#io}) as they are; a mapped
 * device's go through its live table, as its target maps them, down to disks. So a snapshot
 * whose cow is a linear device writes its metadata to the disk under it, at the linear offset, in
 * the same order.
 *
 * <p>Guarantees: a request outside the volume fails (EIO) without reaching a disk, as the block
 * layer's end-of-device check answers it; a read issues the requests the kernel would (the data
 * read is {@link Volumes#image}'s); a write lands what {@code change} makes of the volume's image
 * in {@code [sector, sector+count)}, through every target on the way (an origin copies out first).
 * Limits: a request to a suspended mapped device would wait in the kernel until someone resumed
 * it; a single script cannot, so the model refuses it ({@link ModelLimitation}). Scripts never get
 * there through the device they do I/O to (the blocked rule of {@link Volumes#blocked}), only
 * through another table's device (a snapshot's cow, a merge's origin).
 */
final class StackedIo {
    private StackedIo() {
    }

    /** A read of {@code [sector, sector+count)} of {@code key}; false when it fails (EIO). */
    static boolean read(World w, String key, long sector, long count) {
        if (!Volumes.mapped(key)) {
            return w.io.read(w, key, sector, count);
        }
        Table t = reachable(w, key, sector, count);
        if (t == null) {
            return false;
        }
        if (t.target() instanceof LinearTarget lt) {
            return read(w, lt.device(), lt.offset() + sector, count);
        }
        if (t.target() instanceof OriginTarget o) {
            return read(w, o.originDisk(), sector, count);
        }
        SnapshotTarget s = (SnapshotTarget) t.target();
        return SnapshotIo.read(w, s, sector, count, null);
    }

    /**
     * A write of {@code [sector, sector+count)} of {@code key} with the data {@code change} puts
     * there (it gets the volume's image and gives it back changed); false when it fails (EIO).
     */
    static boolean write(World w, String key, long sector, long count, boolean fua, UnaryOperator<Disk> change) {
        if (!Volumes.mapped(key)) {
            return w.io.write(w, key, sector, count, fua, change);
        }
        if (reachable(w, key, sector, count) == null) {
            return false;
        }
        Disk data = change.apply(Volumes.image(w, key));
        return MappedWrite.write(w, Volumes.deviceName(key), sector, count, data, fua);
    }

    /** A cache flush of {@code key}: passed down to every device the live table uses; false when one fails. */
    static boolean flush(World w, String key) {
        if (!Volumes.mapped(key)) {
            return w.io.flush(w, key);
        }
        Table t = reachable(w, key, 0, 0);
        if (t == null) {
            return false;
        }
        if (t.target() instanceof LinearTarget lt) {
            return flush(w, lt.device());
        }
        if (t.target() instanceof OriginTarget o) {
            return flush(w, o.originDisk());
        }
        SnapshotTarget s = (SnapshotTarget) t.target();
        if (s.merge()) {
            boolean ok = flush(w, s.originDisk());
            return flush(w, s.cowDisk()) && ok;
        }
        return flush(w, s.cowDisk());
    }

    /**
     * The live table a request to mapped key {@code key} reaches, or null when it fails at once
     * (no table, outside the device); refuses one that would wait on a suspended device.
     */
    private static Table reachable(World w, String key, long sector, long count) {
        Device d = w.devices.get(Volumes.deviceName(key));
        if (d == null || d.live() == null || sector < 0 || count < 0 || sector + count > d.size()) {
            return null;
        }
        if (d.suspended()) {
            throw new ModelLimitation("a request to suspended " + Volumes.path(key)
                    + " would wait until it is resumed: the kernel hangs the script there");
        }
        return d.live();
    }
}
