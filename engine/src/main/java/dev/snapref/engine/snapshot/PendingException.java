package dev.snapref.engine.snapshot;

import dev.snapref.engine.dm.Bio;
import dev.snapref.engine.store.ExceptionStore;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exception being made (struct dm_snap_pending_exception): the origin chunk is being copied to
 * the cow chunk the store allocated. Exactly one thread starts it (the one that set
 * {@code started}); any number wait for it. Completion happens once, in allocation order per
 * snapshot; afterwards the exception is in the snapshot's complete table (success) or the snapshot
 * is invalid (failure).
 */
final class PendingException {
    final SnapshotTarget snap;
    final ExceptionStore store;
    final long oldChunk;
    final long newChunk;
    final long sequence;
    /** Guarded by the snapshot's lock. */
    boolean started;
    /** A bio covering the whole chunk that replaces the copy (start_full_bio), or null. */
    Bio fullBio;
    /** Set by the copier before completion. */
    boolean copyError;
    /** Lock 6 of the lock order: waiters sleep on {@link #finished}. */
    private final ReentrantLock monitor = new ReentrantLock();
    private final Condition finished = monitor.newCondition();
    /** Written once, before {@link #done}; read after {@link #done} is seen true. */
    private boolean failed;
    /** Set once, under the monitor, when the exception finished; volatile for the lock-free fast path. */
    private volatile boolean done;

    PendingException(SnapshotTarget snap, ExceptionStore store, long oldChunk, long newChunk, long sequence) {
        this.snap = snap;
        this.store = store;
        this.oldChunk = oldChunk;
        this.newChunk = newChunk;
        this.sequence = sequence;
    }

    /** Marks the exception finished and wakes every waiter. */
    void finish(boolean error) {
        monitor.lock();
        try {
            assert !done : "pending exception finished twice";
            failed = error;
            done = true;
            finished.signalAll();
        } finally {
            monitor.unlock();
        }
    }

    /**
     * Waits until finished; returns true when the exception was made successfully. Uninterruptible.
     * A finished exception is answered without the lock ({@link #done} is volatile and written
     * after {@link #failed}).
     */
    boolean await() {
        if (done) {
            return !failed;
        }
        monitor.lock();
        try {
            while (!done) {
                snap.ctx.interleaving().await(monitor, finished, "pending exception: wait");
            }
            return !failed;
        } finally {
            monitor.unlock();
        }
    }
}
