package dev.snapref.model;

import dev.snapref.scenario.Errno;

/**
 * The snapshot and snapshot-origin target hooks dm core calls: preresume, resume (with the
 * exception handover), dtr (with the handover cancellation), and invalidation.
 */
final class SnapshotHooks {
    private SnapshotHooks() {
    }

    /** snapshot_preresume: refuses a resume that would break a pending handover; null when fine. */
    static Errno preresume(World w, SnapRef ref) {
        SnapshotTarget s = w.snap(ref);
        Pairing.Sharing sh = Pairing.find(w, s.originDisk(), s.cowDisk());
        if (sh.src() == null || sh.dest() == null) {
            return null;
        }
        if (sh.src().equals(ref)) {
            w.kmsg.add(Kmsg.SOURCE_PENDING);
            return Errno.EINVAL;
        }
        if (!w.suspended(sh.src())) {
            w.kmsg.add(Kmsg.SOURCE_NOT_SUSPENDED);
            return Errno.EINVAL;
        }
        return null;
    }

    /** snapshot_resume: hand over if a pair exists, re-register with the real chunk size, activate. */
    static void resume(World w, SnapRef ref, long length) {
        SnapshotTarget s = w.snap(ref);
        Pairing.Sharing sh = Pairing.find(w, s.originDisk(), s.cowDisk());
        if (sh.src() != null && sh.dest() != null) {
            handover(w, sh.src(), sh.dest());
            fitGhost(w, ref, w.table(sh.src()).length(), length);
        }
        Pairing.reregister(w, ref);
        SnapshotTarget now = w.snap(ref).withActive();
        if (now.valid() && now.store().ghost() == null && now.store().initialised()) {
            now = now.withStore(now.store().withGhost(SnapshotView.of(now, length, k -> Volumes.image(w, k))));
        }
        w.setSnap(ref, now);
        assert w.snap(ref).active() : "resumed snapshots are active";
    }

    /**
     * __handover_exceptions: swap the completed tables and stores; the destination keeps its own
     * PO flag, takes the source's valid and overflow state; the source becomes invalid.
     */
    static void handover(World w, SnapRef srcRef, SnapRef destRef) {
        SnapshotTarget src = w.snap(srcRef);
        SnapshotTarget dest = w.snap(destRef);
        assert !dest.store().initialised() && dest.store().chunkSize() == 0 : "a pending dest read no metadata";
        Store toDest = src.store().withOverflowAware(dest.store().overflowAware())
                .withHandedOver(src.store().exceptions());
        Store toSrc = dest.store();
        w.setSnap(destRef, dest.withStore(toDest).withValid(src.valid()).withOverflowed(src.overflowed()));
        w.setSnap(srcRef, src.withStore(toSrc).withValid(false));
        assert !w.snap(srcRef).valid() && w.snap(destRef).store().exceptions().equals(src.store().exceptions())
                : "handover keeps every exception and disables the source";
    }

    /**
     * A handed-over ghost covers the source's length; the destination's table may be longer or
     * shorter. It keeps the source's image where both exist and shows what it maps now beyond.
     */
    private static void fitGhost(World w, SnapRef destRef, long srcLength, long destLength) {
        SnapshotTarget dest = w.snap(destRef);
        Disk ghost = dest.store().ghost();
        if (ghost == null || srcLength == destLength) {
            return;
        }
        assert ghost.sectors() == srcLength : "a ghost covers its snapshot's table";
        Disk fitted = SnapshotView.of(dest, destLength, k -> Volumes.image(w, k))
                .copyFrom(ghost, 0, 0, Math.min(srcLength, destLength));
        w.setSnap(destRef, dest.withStore(dest.store().withGhost(fitted)));
    }

    /** snapshot_dtr: cancel a pending handover when the source goes first, then unregister. */
    static void destroy(World w, SnapRef ref) {
        SnapshotTarget s = w.snap(ref);
        Pairing.Sharing sh = Pairing.find(w, s.originDisk(), s.cowDisk());
        if (sh.src() != null && sh.dest() != null && sh.src().equals(ref)) {
            SnapshotTarget dest = w.snap(sh.dest());
            w.setSnap(sh.dest(), dest.withValid(false).withStore(dest.store().withGhost(null)));
            w.kmsg.add(Kmsg.CANCEL_HANDOVER);
        }
        Pairing.unregister(w, ref);
    }

    /** __invalidate_snapshot: log, drop the persistent store (header valid = 0), mark invalid. */
    static void invalidate(World w, SnapRef ref, String message) {
        SnapshotTarget s = w.snap(ref);
        if (!s.valid()) {
            return;
        }
        w.kmsg.add(message);
        Store dropped = ExceptionStores.drop(w, s.cowDisk(), s.store()).withGhost(null);
        w.setSnap(ref, s.withStore(dropped).withValid(false));
    }

    /** origin_resume: the split boundary becomes the smallest chunk size of the origin's snapshots. */
    static void resumeOrigin(World w, SnapRef ref) {
        Table t = w.table(ref);
        OriginTarget o = (OriginTarget) t.target();
        w.setTable(ref, t.withTarget(new OriginTarget(o.originDisk(), Pairing.minimumChunkSize(w, o.originDisk()))));
    }
}
