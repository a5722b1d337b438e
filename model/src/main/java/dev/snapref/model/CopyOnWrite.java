package dev.snapref.model;

import java.util.List;

/**
 * The data paths that create exceptions: {@code __origin_write} (an origin write piece copies
 * the chunk of its first sector into every valid, active snapshot of the origin that has no
 * exception for it) and {@code snapshot_map} for writes (remap to the cow, allocating and
 * copying the chunk first when needed). Copies complete at once; commit follows the copy.
 */
final class CopyOnWrite {
    private CopyOnWrite() {
    }

    /** Before an origin write piece {@code [sector, sector+count)} lands: copy into every snapshot that needs it. */
    static void originWrite(World w, String originDisk, long sector, long count) {
        for (SnapRef ref : List.copyOf(w.snapshotsOf(originDisk))) {
            SnapshotTarget s = w.snap(ref);
            long length = w.table(ref).length();
            if (!s.valid() || !s.active() || sector >= length) {
                continue;
            }
            long cs = s.store().chunkSize();
            long chunk = sector / cs;
            if (chunk != (Math.min(sector + count, length) - 1) / cs && !s.store().splitQuirk()) {
                w.setSnap(ref, s.withStore(s.store().withSplitQuirk()));
            }
            if (w.snap(ref).store().exceptions().lookup(chunk) >= 0) {
                continue;
            }
            long newChunk = allocate(w, ref);
            if (newChunk < 0) {
                SnapshotHooks.invalidate(w, ref, Kmsg.INVALID_NO_SPACE);
                continue;
            }
            copyAndCommit(w, ref, chunk, newChunk);
        }
    }

    /** One snapshot write piece (inside one chunk); false when it fails with EIO. */
    static boolean snapshotWrite(World w, SnapRef ref, long sector, long count, String label) {
        SnapshotTarget s = w.snap(ref);
        if (!s.valid() || s.overflowed()) {
            return false;
        }
        long cs = s.store().chunkSize();
        long chunk = sector / cs;
        assert (sector + count - 1) / cs == chunk : "dm splits snapshot I/O at chunk boundaries";
        long newChunk = s.store().exceptions().lookup(chunk);
        if (newChunk < 0) {
            newChunk = allocate(w, ref);
            if (newChunk < 0) {
                noSpace(w, ref);
                return false;
            }
            if (!copyAndCommit(w, ref, chunk, newChunk)) {
                return false;
            }
        }
        Disk cow = w.disk(s.cowDisk());
        long at = newChunk * cs + (sector - chunk * cs);
        w.putDisk(cow.writeRun(at, count, label, sector).markCowWritten());
        SnapshotTarget now = w.snap(ref);
        if (now.store().ghost() != null) {
            w.setSnap(ref, now.withStore(now.store().withGhost(now.store().ghost().writePattern(sector, count, label))));
        }
        return true;
    }

    /** No room on the cow for a snapshot write: PO sets Overflow, others invalidate. */
    private static void noSpace(World w, SnapRef ref) {
        SnapshotTarget s = w.snap(ref);
        if (s.store().overflowAware()) {
            if (s.valid() && !s.overflowed()) {
                w.setSnap(ref, s.withOverflowed(true));
                w.kmsg.add(Kmsg.OVERFLOW);
            }
        } else {
            SnapshotHooks.invalidate(w, ref, Kmsg.INVALID_NO_SPACE);
        }
    }

    private static long allocate(World w, SnapRef ref) {
        SnapshotTarget s = w.snap(ref);
        ExceptionStores.Prepared p = ExceptionStores.prepare(s.store(), w.disk(s.cowDisk()).sectors());
        w.setSnap(ref, s.withStore(p.store()));
        return p.newChunk();
    }

    /** kcopyd copy of the origin chunk into cow chunk {@code newChunk}, then commit; false if the commit failed. */
    private static boolean copyAndCommit(World w, SnapRef ref, long chunk, long newChunk) {
        SnapshotTarget s = w.snap(ref);
        long cs = s.store().chunkSize();
        Disk origin = w.disk(s.originDisk());
        long n = Math.min(cs, origin.sectors() - chunk * cs);
        w.putDisk(w.disk(s.cowDisk()).copyFrom(origin, chunk * cs, newChunk * cs, n).markCowWritten());
        Store committed = ExceptionStores.commit(w, s.cowDisk(), s.store(), chunk, newChunk);
        if (!committed.metadataValid()) {
            w.setSnap(ref, s.withStore(committed));
            SnapshotHooks.invalidate(w, ref, Kmsg.INVALID_IO);
            return false;
        }
        w.setSnap(ref, s.withStore(committed.withExceptions(committed.exceptions().with(chunk, newChunk))));
        return true;
    }
}
