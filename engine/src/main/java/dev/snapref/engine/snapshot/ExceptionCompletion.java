package dev.snapref.engine.snapshot;

import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.engine.kernel.Errno;
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
        copied(pe);
    }

    private static void copied(PendingException pe) {
        SnapshotTarget s = pe.snap;
        s.completionLock.lock();
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

    /** complete_exception: commit to the store; run the callbacks it says are due. Completion lock held. */
    private static void completeException(PendingException pe) {
        SnapshotTarget s = pe.snap;
        assert s.completionLock.isHeldByCurrentThread();
        List<Committed> due;
        s.lock.lock();
        try {
            assert pe.store == s.store || s.bug(EngineBug.PENDING_ON_OLD_STORE)
                    || s.bug(EngineBug.BROKEN_HANDOVER_LOCKING) || s.bug(EngineBug.MERGE_IO_NOT_HELD)
                    : "pending exception outlived a handover (kernel fix b735fede8d95)";
            due = pe.store.commit(pe.oldChunk, pe.newChunk, !pe.copyError, pe);
        } finally {
            s.lock.unlock();
        }
        for (Committed c : due) {
            pendingComplete((PendingException) c.token(), c.success());
        }
    }

    /** pending_complete: publish the exception (or fail it), wait for conflicting reads, wake waiters. */
    private static void pendingComplete(PendingException pe, boolean success) {
        SnapshotTarget s = pe.snap;
        boolean error;
        s.lock.lock();
        try {
            if (!success) {
                s.invalidate(Errno.EIO);
                error = true;
            } else if (!s.valid) {
                error = true;
            } else {
                s.complete.insert(pe.oldChunk, pe.newChunk);
                error = false;
                while (s.tracked.busy(pe.oldChunk)) {
                    s.changed.awaitUninterruptibly();
                }
            }
            s.pending.remove(pe);
            s.changed.signalAll();
        } finally {
            s.lock.unlock();
        }
        pe.finish(error);
    }
}
