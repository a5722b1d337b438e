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

    /** Maps an origin write piece: allocates the exceptions it needs, adding them to {@code group}. */
    static WritePiece mapOrigin(World w, String originDisk, long sector, long count, List<PendingException> group) {
        List<PendingException> mine = new ArrayList<>(2);
        for (SnapRef ref : List.copyOf(w.snapshotsOf(originDisk))) {
            SnapshotTarget s = w.snap(ref);
            long length = w.table(ref).length();
            if (sector >= length || !s.valid() || !s.active()) {
                continue;
            }
            long cs = s.store().chunkSize();
            long chunk = sector / cs;
            if (chunk != (Math.min(sector + count, length) - 1) / cs && !s.store().splitQuirk()) {
                w.setSnap(ref, s.withStore(s.store().withSplitQuirk()));
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
        return new WritePiece(WritePiece.Kind.ORIGIN, null, originDisk, sector, count, 0, null, List.copyOf(mine));
    }

    /** Maps one snapshot write piece (inside one chunk), adding a new exception to {@code group}. */
    static WritePiece mapSnapshotWrite(World w, SnapRef ref, long sector, long count, String label,
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
        PendingException pe = new PendingException(ref, chunk, p.newChunk(), sector, count, label, full);
        group.add(pe);
        WritePiece.Kind kind = full ? WritePiece.Kind.FULL : WritePiece.Kind.QUEUED;
        return new WritePiece(kind, ref, s.cowDisk(), sector, count, st.cowSector(p.newChunk(), sector), pe,
                List.of(pe));
    }

    /** Finishes a piece after its group was started: its data write; false when it fails with EIO. */
    static boolean finish(World w, WritePiece p, String label) {
        return switch (p.kind()) {
            case KILL -> false;
            case ORIGIN -> w.io.write(w, p.disk(), p.sector(), p.count(), false,
                    d -> d.writePattern(p.sector(), p.count(), label));
            case REMAP -> writeCow(w, p.ref(), p.target(), p.sector(), p.count(), label);
            case FULL -> p.pending().succeeded();
            case QUEUED -> p.pending().succeeded() && writeCow(w, p.ref(), p.target(), p.sector(), p.count(), label);
        };
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
    private static boolean writeCow(World w, SnapRef ref, long at, long sector, long count, String label) {
        String cow = w.snap(ref).cowDisk();
        boolean ok = w.io.write(w, cow, at, count, false, d -> d.writeRun(at, count, label, sector).markCowWritten());
        if (ok) {
            updateGhost(w, ref, sector, count, label);
        } else {
            adoptView(w, ref, sector, count);
        }
        return ok;
    }

    /** The snapshot's image after a successful write of {@code label} to {@code [sector, sector+count)}. */
    static void updateGhost(World w, SnapRef ref, long sector, long count, String label) {
        SnapshotTarget now = w.snap(ref);
        if (now.store().ghost() != null) {
            w.setSnap(ref, now.withStore(now.store().withGhost(now.store().ghost().writePattern(sector, count, label))));
        }
    }

    /** A failed write leaves {@code [sector, sector+count)} of the snapshot as the device left them. */
    private static void adoptView(World w, SnapRef ref, long sector, long count) {
        SnapshotTarget now = w.snap(ref);
        Disk ghost = now.store().ghost();
        if (ghost == null) {
            return;
        }
        Disk view = SnapshotView.of(now, ghost.sectors(), w::disk);
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
        ExceptionStores.Prepared p = ExceptionStores.prepare(s.store(), w.disk(s.cowDisk()).sectors());
        w.setSnap(ref, s.withStore(p.store()));
        return p;
    }
}
