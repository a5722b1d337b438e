package dev.snapref.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The merge of a {@code snapshot-merge} target into its origin (dm-snap.c,
 * snapshot_merge_next_chunks and merge_callback, Linux 6.1). In the kernel a resume starts it and
 * kcopyd runs it in the background; the scenario format makes the resume return once it has
 * finished, so the model runs it to its end inside the resume.
 *
 * <p>Each step: an invalid snapshot stops ("Snapshot is invalid: can't merge"); the store names
 * the newest run of consecutive exceptions ({@link MergeStore#prepare}); the origin's other
 * snapshots copy out the chunks the run will overwrite first (origin_write_extent, at the
 * boundary the resume computed); the run is copied from the cow to the origin with one read and
 * one write; the origin is flushed (fcc42338375a); the store clears the run's records
 * ({@link MergeStore#commit}); the exceptions are dropped from the table. An I/O error stops the
 * merge with "Merge failed" status.
 *
 * <p>A transient store never merges: the constructor refuses a transient merge table, and a
 * merge table whose source's store is transient ({@link Pairing#validateHandover}).
 */
final class Merge {
    private static final String PREFIX = "snapshots: ";

    private Merge() {
    }

    /** snapshot_merge_resume after snapshot_resume: max_io_len from the origin's snapshots, then the merge. */
    static void resume(World w, SnapRef ref) {
        SnapshotTarget s = w.snap(ref);
        long boundary = 0;
        for (SnapRef r : w.snapshotsOf(s.originDisk())) {
            long c = w.snap(r).store().chunkSize();
            if (c != 0 && (boundary == 0 || c < boundary)) {
                boundary = c;
            }
        }
        w.setSnap(ref, s.withMergeBoundary(boundary));
        run(w, ref);
    }

    /** Merges until nothing is left or a step fails. */
    static void run(World w, SnapRef ref) {
        while (true) {
            SnapshotTarget s = w.snap(ref);
            if (!s.valid()) {
                w.kmsg.add(Kmsg.CANNOT_MERGE_INVALID);
                return;
            }
            assert s.store().type() != StoreType.TRANSIENT : "the constructor refuses transient merges";
            MergeStore.Prepared p = MergeStore.prepare(w, s.cowDisk(), s.store());
            w.setSnap(ref, s.withStore(p.store()));
            if (p.chunks() < 0) {
                fail(w, ref, "Read error in exception store: shutting down merge");
                return;
            }
            if (p.chunks() == 0 || !step(w, ref, p)) {
                return;
            }
        }
    }

    /** One run of {@code p.chunks()} chunks; false when it failed (the merge stops). */
    private static boolean step(World w, SnapRef ref, MergeStore.Prepared p) {
        SnapshotTarget s = w.snap(ref);
        int n = p.chunks();
        long cs = s.store().chunkSize();
        long oldChunk = p.lastOld() + 1 - n;
        long src = (p.lastNew() + 1 - n) * cs;
        long dest = oldChunk * cs;
        long ioSize = n * cs;
        long originSize = Volumes.size(w, s.originDisk());
        long count = dest >= originSize ? ioSize : Math.min(ioSize, originSize - dest);
        copyOutOthers(w, ref, dest, ioSize);
        if (!StackedIo.read(w, s.cowDisk(), src, count)) {
            return fail(w, ref, "Read error: shutting down merge.");
        }
        Disk cow = Volumes.image(w, s.cowDisk());
        if (!StackedIo.write(w, s.originDisk(), dest, count, false, d -> d.copyFrom(cow, src, dest, count))) {
            return fail(w, ref, "Write error: shutting down merge.");
        }
        if (!StackedIo.flush(w, s.originDisk())) {
            return fail(w, ref, "Flush after merge failed: shutting down merge");
        }
        s = w.snap(ref);
        Store committed = MergeStore.commit(w, s.cowDisk(), s.store(), n);
        if (committed == null) {
            w.setSnap(ref, s.withStore(MergeStore.failed(s.store(), n)));
            return fail(w, ref, "Write error in exception store: shutting down merge");
        }
        return drop(w, ref, committed, oldChunk, n);
    }

    /** remove_single_exception_chunk: the run's chunks leave the table, last first. */
    private static boolean drop(World w, SnapRef ref, Store st, long oldChunk, int n) {
        ExceptionTable ex = st.exceptions();
        ExceptionTable handed = st.handedOver();
        for (long c = oldChunk + n - 1; c >= oldChunk; c--) {
            if (!ex.contains(c)) {
                // the run's copy already put a chunk that was no exception's onto the origin
                w.setSnap(ref, w.snap(ref).withStore(st.withExceptions(ex).withGhostVoid()));
                return fail(w, ref, "Corruption detected: exception for block " + Long.toUnsignedString(c)
                        + " is on disk but not in memory");
            }
            ex = ex.without(c);
            handed = handed == null ? null : handed.without(c);
        }
        w.setSnap(ref, w.snap(ref).withStore(st.withExceptions(ex).withHandedOver(handed)));
        return true;
    }

    /**
     * origin_write_extent: every other (not merging) valid, active snapshot of the origin copies
     * out the chunks of {@code [sector, sector+size)} it has no exception for, one chunk per
     * boundary step; all are allocated, then started and completed.
     */
    private static void copyOutOthers(World w, SnapRef ref, long sector, long size) {
        SnapshotTarget s = w.snap(ref);
        long step = s.mergeBoundary() > 0 ? s.mergeBoundary() : s.store().chunkSize();
        List<PendingException> group = new ArrayList<>();
        for (long off = 0; off < size; off += step) {
            CopyOnWrite.mapOrigin(w, s.originDisk(), sector + off, step, group, null);
        }
        ExceptionCompletion.startAll(w, group);
    }

    private static boolean fail(World w, SnapRef ref, String message) {
        w.kmsg.add(PREFIX + message);
        w.setSnap(ref, w.snap(ref).withMergeFailed());
        return false;
    }
}
