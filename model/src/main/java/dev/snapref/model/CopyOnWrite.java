package dev.snapref.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data paths that create exceptions: {@code __origin_write} (an origin write piece copies
 * the chunk of its first sector into every valid, active snapshot of the origin that has no
 * exception for it) and {@code snapshot_map} for writes (remap to the cow, allocating and
 * copying the chunk first when needed).
 *
 * <p>A request runs in two phases, as Linux 6.1 was seen to run a split O_DIRECT request
 * (testdata/scenarios/multi-piece-overflow): every piece is mapped first (chunks allocated,
 * copies and whole-chunk snapshot writes done, a piece finding no room invalidates the snapshot),
 * then the new exceptions complete in order ({@link #complete}): pending_complete adds an
 * exception only if the snapshot is still valid, and a snapshot write waiting for its copy lands
 * only then. Each persistent store commits its share of a request as one batch (pending_count),
 * writing the metadata area when the batch ends or the area fills.
 */
final class CopyOnWrite {
    private CopyOnWrite() {
    }

    /** Maps an origin write piece {@code [sector, sector+count)}: copy into every snapshot that needs it. */
    static void originWrite(World w, String originDisk, long sector, long count, List<PendingException> pending) {
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
            if (w.snap(ref).store().exceptions().lookup(chunk) >= 0 || isPending(pending, ref, chunk)) {
                continue;
            }
            long newChunk = allocate(w, ref);
            if (newChunk < 0) {
                SnapshotHooks.invalidate(w, ref, Kmsg.INVALID_NO_SPACE);
                continue;
            }
            copyChunk(w, ref, chunk, newChunk);
            pending.add(new PendingException(ref, chunk, newChunk, 0, 0, null, false));
        }
    }

    /** Maps one snapshot write piece (inside one chunk); false when it fails with EIO now. */
    static boolean snapshotWrite(World w, SnapRef ref, long sector, long count, String label,
                                 List<PendingException> pending) {
        SnapshotTarget s = w.snap(ref);
        if (!s.valid() || s.overflowed()) {
            return false;
        }
        long cs = s.store().chunkSize();
        long chunk = sector / cs;
        assert (sector + count - 1) / cs == chunk : "dm splits snapshot I/O at chunk boundaries";
        assert !isPending(pending, ref, chunk) : "one piece per chunk in a request";
        long newChunk = s.store().exceptions().lookup(chunk);
        if (newChunk >= 0) {
            writeCow(w, ref, newChunk, sector, count, label);
            return true;
        }
        newChunk = allocate(w, ref);
        if (newChunk < 0) {
            noSpace(w, ref);
            return false;
        }
        boolean full = count == cs;
        if (full) {
            Disk cow = w.disk(s.cowDisk());
            w.putDisk(cow.writeRun(newChunk * cs, count, label, sector).markCowWritten());
        } else {
            copyChunk(w, ref, chunk, newChunk);
        }
        pending.add(new PendingException(ref, chunk, newChunk, sector, count, label, full));
        return true;
    }

    /**
     * Completes a request's new exceptions in order; false when a snapshot write waiting for one
     * of them fails (the snapshot was invalidated meanwhile, or its commit failed).
     */
    static boolean complete(World w, List<PendingException> pending) {
        boolean ok = true;
        Map<SnapRef, List<PendingException>> batches = new LinkedHashMap<>();
        for (int i = 0; i < pending.size(); i++) {
            PendingException p = pending.get(i);
            SnapshotTarget s = w.snap(p.ref());
            boolean last = true;
            for (int j = i + 1; j < pending.size(); j++) {
                last &= !pending.get(j).ref().equals(p.ref());
            }
            Store before = s.store();
            Store after = ExceptionStores.commit(w, s.cowDisk(), before, p.chunk(), p.newChunk(), last);
            w.setSnap(p.ref(), s.withStore(after));
            List<PendingException> batch = batches.computeIfAbsent(p.ref(), r -> new ArrayList<>());
            batch.add(p);
            if (last || after.currentArea() != before.currentArea() || before.type() == StoreType.TRANSIENT) {
                for (PendingException b : batch) {
                    ok &= pendingComplete(w, b, after.metadataValid());
                }
                batch.clear();
            }
        }
        assert batches.values().stream().allMatch(List::isEmpty) : "every batch ends with its snapshot's last exception";
        return ok;
    }

    /** pending_complete: publish the exception if the commit succeeded and the snapshot is valid. */
    private static boolean pendingComplete(World w, PendingException p, boolean committed) {
        if (!committed) {
            SnapshotHooks.invalidate(w, p.ref(), Kmsg.INVALID_IO);
        }
        SnapshotTarget s = w.snap(p.ref());
        if (!committed || !s.valid()) {
            return p.label() == null;
        }
        Store st = s.store();
        w.setSnap(p.ref(), s.withStore(st.withExceptions(st.exceptions().with(p.chunk(), p.newChunk()))));
        if (p.label() != null) {
            if (p.landed()) {
                updateGhost(w, p.ref(), p.sector(), p.count(), p.label());
            } else {
                writeCow(w, p.ref(), p.newChunk(), p.sector(), p.count(), p.label());
            }
        }
        return true;
    }

    private static boolean isPending(List<PendingException> pending, SnapRef ref, long chunk) {
        for (PendingException p : pending) {
            if (p.chunk() == chunk && p.ref().equals(ref)) {
                return true;
            }
        }
        return false;
    }

    /** A snapshot write remapped to cow chunk {@code newChunk}; the snapshot's image follows it. */
    private static void writeCow(World w, SnapRef ref, long newChunk, long sector, long count, String label) {
        SnapshotTarget s = w.snap(ref);
        long cs = s.store().chunkSize();
        long at = newChunk * cs + (sector - sector / cs * cs);
        w.putDisk(w.disk(s.cowDisk()).writeRun(at, count, label, sector).markCowWritten());
        updateGhost(w, ref, sector, count, label);
    }

    private static void updateGhost(World w, SnapRef ref, long sector, long count, String label) {
        SnapshotTarget now = w.snap(ref);
        if (now.store().ghost() != null) {
            w.setSnap(ref, now.withStore(now.store().withGhost(now.store().ghost().writePattern(sector, count, label))));
        }
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

    /** kcopyd copy of the origin chunk into cow chunk {@code newChunk}. */
    private static void copyChunk(World w, SnapRef ref, long chunk, long newChunk) {
        SnapshotTarget s = w.snap(ref);
        long cs = s.store().chunkSize();
        Disk origin = w.disk(s.originDisk());
        long n = Math.min(cs, origin.sectors() - chunk * cs);
        w.putDisk(w.disk(s.cowDisk()).copyFrom(origin, chunk * cs, newChunk * cs, n).markCowWritten());
    }
}
