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
    /** Set once when the exception finished; volatile for the lock-free paths. */
    private volatile boolean done;
    /**
     * Threads about to sleep or sleeping on {@link #finished}; changed under the monitor, volatile
     * so that {@link #finish} may skip the monitor when it reads 0 (see there).
     */
    private volatile int sleepers;

    PendingException(SnapshotTarget snap, ExceptionStore store, long oldChunk, long newChunk, long sequence) {
        this.snap = snap;
        this.store = store;
        this.oldChunk = oldChunk;
        this.newChunk = newChunk;
        this.sequence = sequence;
    }

    /**
     * Marks the exception finished and wakes every waiter. The monitor is taken only when a waiter
     * may sleep: {@link #done} is written before {@link #sleepers} is read, and a waiter counts
     * itself in {@link #sleepers} (holding the monitor) before it reads {@link #done}; both are
     * volatile, so one of the two sees the other's write: either the waiter finds the exception
     * done and does not sleep, or this finds it counted and signals under the monitor, which the
     * waiter holds until it sleeps (no lost wake-up). Called once, by the completing thread.
     */
    void finish(boolean error) {
        assert !done : "pending exception finished twice";
        failed = error;
        done = true;
        if (sleepers != 0) {
            monitor.lock();
            try {
                snap.ctx.interleaving().signalAll(finished);
            } finally {
                monitor.unlock();
            }
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
            sleepers++;
            try {
                while (!done) {
                    snap.ctx.interleaving().await(monitor, finished, "pending exception: wait");
                }
            } finally {
                sleepers--;
            }
            return !failed;
        } finally {
            monitor.unlock();
        }
    }
}
