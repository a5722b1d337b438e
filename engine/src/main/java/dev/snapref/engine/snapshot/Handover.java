package dev.snapref.engine.snapshot;

import dev.snapref.engine.dm.MappedDevice;
import dev.snapref.engine.kernel.DmException;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.engine.kernel.Errno;
import dev.snapref.engine.kernel.SchedulePoint;
import dev.snapref.engine.store.ExceptionStore;

/**
 * The live exception store handover between two snapshot tables on one cow (dm-snap.c,
 * c1f0c183, b735fede8d95 and 09ee96b21456): preresume refuses to resume the source, or the
 * destination while the source runs; resume hands the completed exceptions and the store over
 * with origin I/O held off (the snapshot-origin's device, or when none runs the merging
 * snapshot's, whose merge stops meanwhile);
 * destroying the source first cancels a pending handover. Every method is called by dm core with
 * the control lock held; pairing is found under the origins' read lock.
 */
final class Handover {
    private Handover() {
    }

    /** snapshot_preresume: refuses a resume that would break a pending handover. */
    static void preresume(SnapshotTarget s) throws DmException {
        s.origins.lock().readLock().lock();
        try {
            Sharing sh = s.origins.findSharingCow(s);
            if (!sh.handoverPending()) {
                return;
            }
            if (sh.src() == s) {
                s.log.log(SnapshotTarget.PREFIX + "Unable to resume snapshot source until handover completes.");
                throw new DmException(Errno.EINVAL, "handover source resumed");
            }
            if (!sh.src().table().md().isSuspended() && !s.bug(EngineBug.PRERESUME_SKIPS_SUSPEND_CHECK)) {
                s.log.log(SnapshotTarget.PREFIX + "Unable to perform snapshot handover until source is suspended.");
                throw new DmException(Errno.EINVAL, "handover source not suspended");
            }
        } finally {
            s.origins.lock().readLock().unlock();
        }
    }

    /**
     * snapshot_resume: with a pending handover, hand over while the origin's device holds its I/O
     * off (so no exception from an origin write is pending on the source during the swap); then
     * re-register with the real chunk size and become active.
     */
    static void resume(SnapshotTarget s) {
        SnapshotTarget merging = s.bug(EngineBug.MERGE_IO_NOT_HELD) ? null : mergingOther(s);
        MappedDevice originMd = originDevice(s);
        if (originMd == null && merging != null) {
            originMd = merging.table().md(); // 09ee96b21456: hold the merging snapshot's I/O off too
        }
        boolean holdOff = !s.bug(EngineBug.PENDING_ON_OLD_STORE) && !s.bug(EngineBug.BROKEN_HANDOVER_LOCKING);
        boolean held = originMd != null && holdOff && originMd.internalSuspendFast();
        SchedulePoint.at(s.ctx.interleaving(), "handover: origin held off");
        boolean restartMerge = held && merging != null && merging.merger.running();
        if (restartMerge) {
            merging.merger.stop();
        }
        try {
            s.origins.lock().readLock().lock();
            try {
                Sharing sh = s.origins.findSharingCow(s);
                if (sh.handoverPending()) {
                    handOver(sh.src(), sh.dest());
                }
            } finally {
                s.origins.lock().readLock().unlock();
            }
            // Deliberate deviation from 6.1, which does these two steps after resuming the origin
            // (and after restarting a stopped merge): there, an origin write or a merge step in
            // between skips the new owner of the exceptions (valid but not yet active) and the old
            // one (invalid), so it reaches the origin without an exception and the handed-over
            // snapshot loses the chunk (MergeHandoverRace showed it for the merge). Sequentially
            // identical.
            SchedulePoint.at(s.ctx.interleaving(), "handover: exceptions handed over");
            s.origins.reregister(s);
            s.lock.lock();
            try {
                s.active = true;
            } finally {
                s.lock.unlock();
            }
            s.origins.changed();
            if (restartMerge) {
                merging.merger.start();
            }
        } finally {
            if (held) {
                originMd.internalResumeFast();
            }
        }
    }

    /** The mapped device of the origin's snapshot-origin target, unless it is the snapshot's own. */
    private static MappedDevice originDevice(SnapshotTarget s) {
        s.origins.lock().readLock().lock();
        try {
            SnapshotOriginTarget o = s.origins.lookupDmOrigin(s.origin);
            return o != null && o.table().md() != s.table().md() ? o.table().md() : null;
        } finally {
            s.origins.lock().readLock().unlock();
        }
    }

    /** The snapshot-merge target of {@code s}'s origin on another device, used when no snapshot-origin runs there. */
    private static SnapshotTarget mergingOther(SnapshotTarget s) {
        s.origins.lock().readLock().lock();
        try {
            if (s.origins.lookupDmOrigin(s.origin) != null) {
                return null;
            }
            SnapshotTarget m = s.origins.merging(s.origin);
            return m != null && m.table().md() != s.table().md() ? m : null;
        } finally {
            s.origins.lock().readLock().unlock();
        }
    }

    /**
     * __handover_exceptions: swaps the complete tables and the stores (by reference, O(1)); the
     * destination inherits validity and overflow and keeps its own PO flag, the source becomes
     * invalid and owns the destination's never-initialised store.
     */
    private static void handOver(SnapshotTarget src, SnapshotTarget dest) {
        boolean locking = !dest.bug(EngineBug.BROKEN_HANDOVER_LOCKING);
        if (locking) {
            src.lock.lock();
            dest.lock.lock();
        }
        try {
            assert src.pending.count() == 0 || !locking || dest.bug(EngineBug.PENDING_ON_OLD_STORE)
                    || dest.bug(EngineBug.MERGE_IO_NOT_HELD) : "handover with pending exceptions in the source";
            CompleteExceptions t = dest.complete;
            dest.complete = src.complete;
            src.complete = t;
            if (!locking) {
                // a schedule point only where no snapshot lock is held (see Interleaving)
                SchedulePoint.at(dest.ctx.interleaving(), "handover: tables swapped, stores not yet");
            }
            ExceptionStore destOld = dest.store;
            dest.store = src.store;
            dest.store.setUserspaceSupportsOverflow(destOld.userspaceSupportsOverflow());
            src.store = destOld;
            dest.maxIoLen = dest.store.chunkSize();
            if (dest.bug(EngineBug.DEST_KEEPS_TABLE_CHUNK_SIZE) && dest.tableChunkSize != 0) {
                dest.maxIoLen = dest.tableChunkSize;
                dest.keptTableChunkSize = true;
            }
            dest.valid = src.valid;
            dest.overflowed = src.overflowed;
            if (!dest.bug(EngineBug.SOURCE_VALID_AFTER_HANDOVER)) {
                src.valid = false;
            }
            assert !src.valid || dest.bug(EngineBug.SOURCE_VALID_AFTER_HANDOVER) : "the source is invalid after handover";
        } finally {
            if (locking) {
                dest.lock.unlock();
                src.lock.unlock();
            }
        }
    }

    /** snapshot_dtr's part: destroying the source of a pending handover cancels it (the destination turns invalid). */
    static void cancelIfSource(SnapshotTarget s) {
        s.origins.lock().readLock().lock();
        try {
            Sharing sh = s.origins.findSharingCow(s);
            if (!sh.handoverPending() || sh.src() != s || s.bug(EngineBug.NO_CANCEL_ON_SOURCE_DESTROY)) {
                return;
            }
            SnapshotTarget dest = sh.dest();
            dest.lock.lock();
            try {
                dest.valid = false;
            } finally {
                dest.lock.unlock();
            }
            s.log.log(SnapshotTarget.PREFIX + "Cancelling snapshot handover.");
        } finally {
            s.origins.lock().readLock().unlock();
        }
    }
}
