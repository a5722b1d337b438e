package dev.snapref.engine.snapshot;

import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.engine.kernel.Errno;
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
        long dst = pe.newChunk << st.chunkShift();
        try {
            if (pe.fullBio != null) {
                s.cow.write(dst, pe.fullBio.buf, pe.fullBio.off, pe.fullBio.count, false);
            } else {
                long src = pe.oldChunk << st.chunkShift();
                long n = Math.min(st.chunkSize(), s.origin.sectors() - src);
                if (n <= 0) {
                    throw new IOException("copy source beyond the origin");
                }
                s.origin.copyTo(src, s.cow, dst, (int) n);
            }
        } catch (IOException e) {
            pe.copyError = !s.bug(EngineBug.COPY_ERROR_REPORTED_AS_SUCCESS);
        }
        SchedulePoint.at(s.ctx.interleaving(), "exception: chunk copied");
        copied(pe);
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
        assert s.lock.isHeldByCurrentThread();
        boolean error;
        if (!success) {
            s.invalidate(Errno.EIO);
            error = true;
        } else if (!s.valid) {
            error = true;
        } else {
            s.complete.insert(pe.oldChunk, pe.newChunk);
            error = false;
            while (s.tracked.busy(pe.oldChunk)) {
                s.ctx.interleaving().await(s.lock, s.changed, "exception: wait for tracked reads");
            }
        }
        s.pending.remove(pe);
        s.ctx.interleaving().signalAll(s.changed);
        return error;
    }
}
