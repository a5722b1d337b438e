package dev.snapref.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A write to a mapped device as dm core and its live target handle it. A linear target remaps the
 * whole request to its lower device. The others cut it into bios of at most
 * {@link BlockIo#BIO_SECTORS} sectors, each split at the target's boundary (an origin at its split
 * boundary, a snapshot at its chunk size, a merge target at the boundary its resume computed);
 * every piece runs and a failed piece does not stop the others. The first piece runs on its own
 * (mapped, its new exceptions started and completed, its data written); the later pieces are all
 * mapped, then all their exceptions started and completed, then their data written
 * ({@link CopyOnWrite}). A write to a {@code snapshot} (not merging) has all its pieces in one
 * group: Linux 6.1 mapped every piece of it first in the recordings (a write that overflows the
 * cow leaves no exception in the metadata, since the store is invalid before the earlier pieces
 * complete and their commit writes nothing). Both are the reference outcomes of a Linux 6.1 race
 * (kcopyd against dm's resubmission of the rest of the bio), which the run's
 * {@link SplitWriteRace} decides; the spec and the engine take the reference outcomes, a
 * comparison with a real kernel may accept the others.
 *
 * <p>The data is given as an image in the device's coordinates ({@code data} holds in
 * {@code [sector, sector+n)} what the request writes): a script's sector pattern, or what a
 * target writes through a stacked device (a cow's metadata, a copied chunk). Only the data
 * passes down a stack, not the image's flags: a disk is marked written by an exception store
 * ({@link Disk#cowWritten()}) only when a store's cow is that disk itself, since a disk under a
 * volume group holds origins and cows side by side.
 */
final class MappedWrite {
    private MappedWrite() {
    }

    /** Writes {@code [sector, sector+n)} of device {@code name} from {@code data}; false when a piece failed. */
    static boolean write(World w, String name, long sector, long n, Disk data, boolean fua) {
        Table t = w.devices.get(name).live();
        if (t.target() instanceof LinearTarget lt) {
            long at = lt.offset() + sector;
            return StackedIo.write(w, lt.device(), at, n, fua, d -> d.copyFrom(data, sector, at, n));
        }
        SnapRef ref = new SnapRef(name, Slot.LIVE);
        long boundary = boundary(t.target());
        List<long[]> ps = BlockIo.pieces(sector, n, boundary);
        if (!firstPieceAlone(w, t.target(), ps.size())) {
            return writeGroup(w, ref, ps, data);
        }
        boolean ok = writeGroup(w, ref, ps.subList(0, 1), data);
        ok &= writeGroup(w, ref, ps.subList(1, ps.size()), data);
        return ok;
    }

    /**
     * Whether the first piece runs alone: a merge target's always; a split write to a snapshot or
     * an origin as the run's {@link SplitWriteRace} decides (reference: a snapshot's pieces all
     * mapped first, an origin's first piece alone); a write of one piece trivially.
     */
    private static boolean firstPieceAlone(World w, Target t, int pieces) {
        boolean snapshotWrite = t instanceof SnapshotTarget s && !s.merge();
        boolean racy = pieces > 1 && (snapshotWrite || t instanceof OriginTarget);
        return racy ? w.splitWriteRace.firstPieceAlone(!snapshotWrite) : !snapshotWrite;
    }

    /** Where dm splits a write to this target (ti->max_io_len, or an origin's split boundary). */
    private static long boundary(Target t) {
        if (t instanceof OriginTarget o) {
            return o.splitBoundary();
        }
        SnapshotTarget s = (SnapshotTarget) t;
        return s.merge() ? s.mergeBoundary() : s.store().chunkSize();
    }

    /**
     * One group of pieces: all mapped, then their new exceptions started and completed in
     * allocation order, then each piece's data written; false when a piece failed.
     */
    private static boolean writeGroup(World w, SnapRef ref, List<long[]> pieces, Disk data) {
        List<PendingException> group = new ArrayList<>();
        List<WritePiece> mapped = new ArrayList<>(pieces.size());
        for (long[] p : pieces) {
            mapped.add(map(w, ref, p[0], p[1], data, group));
        }
        ExceptionCompletion.startAll(w, group);
        boolean ok = true;
        for (WritePiece p : mapped) {
            ok &= CopyOnWrite.finish(w, p, data);
        }
        return ok;
    }

    /** The target's map function for one write piece. */
    private static WritePiece map(World w, SnapRef ref, long sector, long count, Disk data,
                                  List<PendingException> group) {
        Target t = w.table(ref).target();
        if (t instanceof OriginTarget o) {
            return CopyOnWrite.mapOrigin(w, o.originDisk(), sector, count, group, null);
        }
        SnapshotTarget s = (SnapshotTarget) t;
        if (s.merge()) {
            return CopyOnWrite.mapMergeWrite(w, ref, sector, count, group);
        }
        return CopyOnWrite.mapSnapshotWrite(w, ref, sector, count, data, group);
    }
}
