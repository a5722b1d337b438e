package dev.snapref.model;

import java.util.function.Function;

/**
 * What a snapshot device shows, computed as an image: the origin disk overlaid with each
 * completed exception's cow chunk. Used for ghosts and invariant INV-DATA-1; deliberately
 * independent of the I/O path in {@link BlockIo}, which maps sector by sector.
 */
final class SnapshotView {
    private SnapshotView() {
    }

    /** The image of the first {@code length} sectors of a snapshot. */
    static Disk of(SnapshotTarget s, long length, Function<String, Disk> disks) {
        Disk origin = disks.apply(s.originDisk());
        Disk cow = disks.apply(s.cowDisk());
        Disk view = Disk.zeroed("view", length).copyFrom(origin, 0, 0, length);
        long cs = s.store().chunkSize();
        ExceptionTable ex = s.store().exceptions();
        for (int i = 0; i < ex.size(); i++) {
            if (length == 0 || Long.compareUnsigned(ex.oldChunk(i), (length - 1) / cs) > 0) {
                continue; // past the snapshot's end (a corrupt store's chunk numbers are unsigned)
            }
            long start = ex.oldChunk(i) * cs;
            long n = Math.min(cs, length - start);
            view = view.copyFrom(cow, ex.newChunk(i) * cs, start, n);
        }
        return view;
    }
}
