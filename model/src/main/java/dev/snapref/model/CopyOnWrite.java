package dev.snapref.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The data paths that create exceptions, in the three phases Linux 6.1 runs a write piece in:
 * map ({@code __origin_write} / {@code snapshot_map}: decide, allocate cow chunks), start (the
 * group's copies and commits, {@link ExceptionCompletion}) and finish (the piece's own data
 * write). An origin write piece allocates an exception for the chunk of its first sector in every
 * valid, active snapshot of the origin that has none; a snapshot write piece goes to the cow,
 * allocating its chunk first when needed. {@link BlockIo} groups the pieces of a request.
 *
 * <p>Guarantees: the disk requests are issued in the kernel's order (a piece's allocation may
 * invalidate a snapshot, which rewrites its header at map time; copies and commits come before
 * any data write of the group; data writes in piece order); a write that fails leaves the
 * snapshot's image as the cow now holds it (the kernel leaves the sectors undefined, the model
 * takes what the device did).
 */
final class CopyOnWrite {
    private CopyOnWrite() {
    }

    /**
     * Maps an origin write piece (do_origin): allocates the exceptions it needs in the origin's
     * snapshots, adding them to {@code group}; a merging snapshot makes none. {@code merging} is
     * the merge target the write came through (null: a snapshot-origin), whose image follows it.
     */
    static WritePiece mapOrigin(World w, String originDisk, long sector, long count, List<PendingException> group,
                                SnapRef merging) {
        List<PendingException> mine = new ArrayList<>(2);
        for (SnapRef ref : List.copyOf(w.snapshotsOf(originDisk))) {
            SnapshotTarget s = w.snap(ref);
            long length = w.table(ref).length();
            if (s.merge() || sector >= length || !s.valid() || !s.active()) {
                continue;
            }
            long cs = s.store().chunkSize();
            long chunk = sector / cs;
            if (chunk != (Math.min(sector + count, length) - 1) / cs && !s.store().ghostVoid()) {
                w.setSnap(ref, s.withStore(s.store().withGhostVoid()));
            }
            if (w.snap(ref).store().exceptions().contains(chunk) || isPending(group, ref, chunk)) {
                continue;
            }
            ExceptionStores.Prepared p = allocate(w, ref);
            if (!p.ok()) {
                SnapshotHooks.invalidate(w, ref, Kmsg.INVALID_NO_SPACE);
                continue;
            }
            PendingException pe = new PendingException(ref, chunk, p.newChunk(), 0, 0, null, false);
            group.add(pe);
            mine.add(pe);
        }
        return new WritePiece(WritePiece.Kind.ORIGIN, merging, originDisk, sector, count, 0, null, List.copyOf(mine));
    }

    /**
     * Maps one write piece of a merge target (snapshot_merge_map): a chunk that still has an
     * exception is written in the cow; any other goes to the origin, copying out to the origin's
     * other snapshots first; an invalid merge target sends everything to the origin.
     */
    static WritePiece mapMergeWrite(World w, SnapRef ref, long sector, long count, List<PendingException> group) {
        SnapshotTarget s = w.snap(ref);
        Store st = s.store();
        long chunk = st.chunkSize() == 0 ? -1 : sector / st.chunkSize();
        if (s.valid() && chunk >= 0 && st.exceptions().contains(chunk)) {
            long at = st.cowSector(st.exceptions().lookup(chunk), sector);
            return new WritePiece(WritePiece.Kind.REMAP, ref, s.cowDisk(), sector, count, at, null, List.of());
        }
        return mapOrigin(w, s.originDisk(), sector, count, group, ref);
    }

    /** Maps one snapshot write piece (inside one chunk), adding a new exception to {@code group}. */
    static WritePiece mapSnapshotWrite(World w, SnapRef ref, long sector, long count, Disk data,
                                       List<PendingException> group) {
        SnapshotTarget s = w.snap(ref);
        if (!s.valid() || s.overflowed()) {
            return WritePiece.kill();
        }
        Store st = s.store();
        long cs = st.chunkSize();
        long chunk = sector / cs;
        assert (sector + count - 1) / cs == chunk : "dm splits snapshot I/O at chunk boundaries";
        assert !isPending(group, ref, chunk) : "one piece per chunk in a request";
        if (st.exceptions().contains(chunk)) {
            long at = st.cowSector(st.exceptions().lookup(chunk), sector);
            return new WritePiece(WritePiece.Kind.REMAP, ref, s.cowDisk(), sector, count, at, null, List.of());
        }
        ExceptionStores.Prepared p = allocate(w, ref);
        if (!p.ok()) {
            noSpace(w, ref);
            return WritePiece.kill();
        }
        boolean full = count == cs;
        PendingException pe = new PendingException(ref, chunk, p.newChunk(), sector, count, data, full);
        group.add(pe);
        WritePiece.Kind kind = full ? WritePiece.Kind.FULL : WritePiece.Kind.QUEUED;
        return new WritePiece(kind, ref, s.cowDisk(), sector, count, st.cowSector(p.newChunk(), sector), pe,
                List.of(pe));
    }

    /** Finishes a piece after its group was started: its data write; false when it fails with EIO. */
    static boolean finish(World w, WritePiece p, Disk data) {
        return switch (p.kind()) {
            case KILL -> false;
            case ORIGIN -> writeOrigin(w, p, data);
            case REMAP -> writeCow(w, p.ref(), p.target(), p.sector(), p.count(), data);
            case FULL -> p.pending().succeeded();
            case QUEUED -> p.pending().succeeded() && writeCow(w, p.ref(), p.target(), p.sector(), p.count(), data);
        };
    }

    /**
     * An origin piece's data write (once its copies completed). The images of the origin's merge
     * targets follow it where they read the origin (chunks without an exception left).
     */
    private static boolean writeOrigin(World w, WritePiece p, Disk data) {
        boolean ok = StackedIo.write(w, p.disk(), p.sector(), p.count(), false,
                d -> d.copyFrom(data, p.sector(), p.sector(), p.count()));
        for (SnapRef r : List.copyOf(w.snapshotsOf(p.disk()))) {
            SnapshotTarget m = w.snap(r);
            if (!m.merge() || !m.valid() || m.store().ghost() == null || m.store().chunkSize() == 0) {
                continue;
            }
            long cs = m.store().chunkSize();
            for (long c = p.sector() / cs; c * cs < p.sector() + p.count(); c++) {
                if (m.store().exceptions().contains(c)) {
                    continue;
                }
                long from = Math.max(c * cs, p.sector());
                long n = Math.min((c + 1) * cs, p.sector() + p.count()) - from;
                if (ok) {
                    updateGhost(w, r, from, n, data);
                } else {
                    adoptView(w, r, from, n);
                }
            }
        }
        return ok;
    }

    private static boolean isPending(List<PendingException> group, SnapRef ref, long chunk) {
        for (PendingException p : group) {
            if (p.chunk == chunk && p.ref.equals(ref)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A snapshot write remapped to cow sector {@code at}: the snapshot's image follows it, or, when
     * the write failed, takes what the cow holds now in those sectors.
     */
    private static boolean writeCow(World w, SnapRef ref, long at, long sector, long count, Disk data) {
        String cow = w.snap(ref).cowDisk();
        boolean ok = StackedIo.write(w, cow, at, count, false, d -> d.copyFrom(data, sector, at, count).markCowWritten());
        if (ok) {
            updateGhost(w, ref, sector, count, data);
        } else {
            adoptView(w, ref, sector, count);
        }
        return ok;
    }

    /** The snapshot's image after a successful write of {@code data} to {@code [sector, sector+count)}. */
    static void updateGhost(World w, SnapRef ref, long sector, long count, Disk data) {
        SnapshotTarget now = w.snap(ref);
        Disk ghost = now.store().ghost();
        long n = ghost == null ? 0 : Math.min(count, ghost.sectors() - sector);
        if (n > 0) {
            w.setSnap(ref, now.withStore(now.store().withGhost(ghost.copyFrom(data, sector, sector, n))));
        }
    }

    /** A failed write leaves {@code [sector, sector+count)} of the snapshot as the device left them. */
    private static void adoptView(World w, SnapRef ref, long sector, long count) {
        SnapshotTarget now = w.snap(ref);
        Disk ghost = now.store().ghost();
        if (ghost == null) {
            return;
        }
        Disk view = SnapshotView.of(now, ghost.sectors(), k -> Volumes.image(w, k));
        w.setSnap(ref, now.withStore(now.store().withGhost(ghost.copyFrom(view, sector, sector, count))));
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

    private static ExceptionStores.Prepared allocate(World w, SnapRef ref) {
        SnapshotTarget s = w.snap(ref);
        ExceptionStores.Prepared p = ExceptionStores.prepare(s.store(), Volumes.size(w, s.cowDisk()));
        w.setSnap(ref, s.withStore(p.store()));
        return p;
    }
}
