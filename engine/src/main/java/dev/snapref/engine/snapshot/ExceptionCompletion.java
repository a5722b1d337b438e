package dev.snapref.engine.snapshot;

import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.engine.kernel.Errno;
import dev.snapref.engine.kernel.Interleaving;
import dev.snapref.engine.kernel.SchedulePoint;
import dev.snapref.engine.store.Committed;
import dev.snapref.engine.store.ExceptionStore;

import java.io.IOException;
import java.util.List;

/**
 * Making an exception (kcopyd's side of dm-snap.c): start_copy / start_full_bio copy the chunk to
 * the cow, copy_callback hands it to {@link CompletionOrder}, complete_exception commits it to the
 * store, and pending_complete publishes it (or invalidates the snapshot when the copy or the commit
 * failed), waits for tracked reads of the chunk and wakes every bio queued on it.
 */
final class ExceptionCompletion {
    private ExceptionCompletion() {
    }

    /** start_copy / start_full_bio, then copy_callback: copies the chunk, then completes in order. */
    static void copy(PendingException pe) {
        SnapshotTarget s = pe.snap;
        assert pe.started : "copy of an exception nobody started";
        ExceptionStore st = pe.store;
        try {
            if (pe.fullBio != null) {
                s.cow.write(pe.newChunk << st.chunkShift(), pe.fullBio.buf, pe.fullBio.off, pe.fullBio.count,
                        pe.fullBio.fua);
            } else {
                copyChunk(s, st, pe.oldChunk, pe.newChunk);
            }
        } catch (IOException e) {
            pe.copyError = !s.bug(EngineBug.COPY_ERROR_REPORTED_AS_SUCCESS);
        }
        SchedulePoint.at(s.ctx.interleaving(), "exception: chunk copied");
        copied(pe);
    }

    /** start_copy's kcopyd job: origin chunk {@code oldChunk} to cow chunk {@code newChunk} of {@code st}. */
    private static void copyChunk(SnapshotTarget s, ExceptionStore st, long oldChunk, long newChunk)
            throws IOException {
        long src = oldChunk << st.chunkShift();
        long n = Math.min(st.chunkSize(), s.origin.sectors() - src);
        if (n <= 0) {
            throw new IOException("copy source beyond the origin");
        }
        s.origin.copyTo(src, s.cow, newChunk << st.chunkShift(), (int) n);
    }

    /**
     * Whether an origin write may make the exception of {@code chunk} inline ({@link
     * #completeInline}): the snapshot has no exception pending (so none waits to commit before
     * this one, and the store has no prepared exception outstanding), no read of the chunk is in
     * flight, origin and cow complete requests inline ({@link
     * dev.snapref.engine.block.BlockDevice#completesInline}), no bug switch is on, and the engine
     * runs free ({@link Interleaving#FREE}: its schedule points do nothing). Lock held.
     */
    static boolean canCompleteInline(SnapshotTarget s, long chunk) {
        assert s.lock.isHeldByCurrentThread();
        return s.pending.count() == 0 && s.ctx.interleaving() == Interleaving.FREE && s.ctx.bugs().isEmpty()
                && !s.tracked.busy(chunk) && s.origin.completesInline() && s.cow.completesInline();
    }

    /**
     * Makes the exception {@code oldChunk -> newChunk} (just allocated) in the caller's hold of the
     * snapshot's lock: copy, commit, publish, with no pending exception in between. What it does
     * is what {@link #copy} and {@link #completeException} do for a pending exception whose copy
     * and completion run with nothing else in between, one schedule of those steps: no other
     * thread can see the exception pending (nothing is published before it is complete), so none
     * waits on it; the commit is the next in allocation order (no exception of the snapshot is
     * pending, see {@link #canCompleteInline}), so the completion lock (4), which serializes the
     * commits of pending exceptions, guards nothing this touches and is not taken; the copy and the
     * commit's metadata write take only the devices' own locks, the last of the lock order, and
     * never wait (inline devices), so holding the snapshot's lock (5) over them cannot deadlock;
     * no schedule point is skipped that does anything (free engine). Lock held.
     */
    static void completeInline(SnapshotTarget s, long oldChunk, long newChunk) {
        assert canCompleteInline(s, oldChunk);
        ExceptionStore st = s.store;
        boolean copyOk = true;
        try {
            copyChunk(s, st, oldChunk, newChunk);
        } catch (IOException e) {
            copyOk = false;
        }
        publishChunk(s, oldChunk, newChunk, st.commitAlone(oldChunk, newChunk, copyOk));
        s.ctx.interleaving().signalAll(s.changed);
    }

    private static void copied(PendingException pe) {
        SnapshotTarget s = pe.snap;
        s.ctx.interleaving().lock(s.completionLock, "completion lock");
        try {
            boolean outOfOrder = s.bug(EngineBug.COMMIT_OUT_OF_ORDER);
            s.completionOrder.copied(pe, outOfOrder, outOfOrder ? pendingCount(s) : 0,
                    ExceptionCompletion::completeException);
        } finally {
            s.completionLock.unlock();
        }
    }

    private static int pendingCount(SnapshotTarget s) {
        s.lock.lock();
        try {
            return s.pending.count();
        } finally {
            s.lock.unlock();
        }
    }

    /**
     * complete_exception: commit to the store, then pending_complete for every exception the
     * commit says is due, in order. The commit and the publications happen in one hold of the
     * snapshot's lock (one lock round an exception rather than two; nothing else may run between
     * a commit and its publication anyway); waiters are woken after the lock is released.
     * Completion lock held.
     */
    private static void completeException(PendingException pe) {
        SnapshotTarget s = pe.snap;
        assert s.completionLock.isHeldByCurrentThread();
        List<Committed> due;
        boolean[] errors;
        s.lock.lock();
        try {
            assert pe.store == s.store || s.bug(EngineBug.PENDING_ON_OLD_STORE)
                    || s.bug(EngineBug.BROKEN_HANDOVER_LOCKING) || s.bug(EngineBug.MERGE_IO_NOT_HELD)
                    : "pending exception outlived a handover (kernel fix b735fede8d95)";
            due = pe.store.commit(pe.oldChunk, pe.newChunk, !pe.copyError, pe);
            errors = new boolean[due.size()];
            for (int i = 0; i < errors.length; i++) {
                PendingException c = (PendingException) due.get(i).token();
                if (c.snap == s) {
                    errors[i] = publish(c, due.get(i).success());
                }
            }
        } finally {
            s.lock.unlock();
        }
        SchedulePoint.at(s.ctx.interleaving(), "exception: committed");
        for (int i = 0; i < errors.length; i++) {
            PendingException c = (PendingException) due.get(i).token();
            if (c.snap != s) {
                // only with a handover bug: an exception of another snapshot committed on this store
                c.snap.lock.lock();
                try {
                    errors[i] = publish(c, due.get(i).success());
                } finally {
                    c.snap.lock.unlock();
                }
            }
            c.finish(errors[i]);
        }
    }

    /**
     * pending_complete under the snapshot's lock: publish the exception (or fail it), wait for
     * conflicting reads (the wait releases the lock), drop it from the pending table. Returns
     * whether it failed.
     */
    private static boolean publish(PendingException pe, boolean success) {
        SnapshotTarget s = pe.snap;
        boolean error = publishChunk(s, pe.oldChunk, pe.newChunk, success);
        s.pending.remove(pe);
        s.ctx.interleaving().signalAll(s.changed);
        return error;
    }

    /**
     * pending_complete's publication of {@code oldChunk -> newChunk}: the exception goes into the
     * complete table (then waits for conflicting reads, the wait releasing the lock), or the
     * snapshot is invalidated (a failed commit) or already invalid. Returns whether it failed. Lock held.
     */
    private static boolean publishChunk(SnapshotTarget s, long oldChunk, long newChunk, boolean success) {
        assert s.lock.isHeldByCurrentThread();
        if (!success) {
            s.invalidate(Errno.EIO);
            return true;
        }
        if (!s.valid) {
            return true;
        }
        s.complete.insert(oldChunk, newChunk);
        while (s.tracked.busy(oldChunk)) {
            s.ctx.interleaving().await(s.lock, s.changed, "exception: wait for tracked reads");
        }
        return false;
    }
}
