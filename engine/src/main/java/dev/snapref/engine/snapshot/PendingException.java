package dev.snapref.engine.snapshot;

import dev.snapref.engine.dm.Bio;
import dev.snapref.engine.store.ExceptionStore;

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
    /** Written once, before {@link #done}; read after {@link #done} is seen true. */
    private boolean failed;
    /** Set once when the exception finished; volatile, so a finished exception is awaited without a lock. */
    private volatile boolean done;
    /** Threads asleep (or about to sleep) in {@link #await}; changed under this monitor. */
    private volatile int waiters;

    PendingException(SnapshotTarget snap, ExceptionStore store, long oldChunk, long newChunk, long sequence) {
        this.snap = snap;
        this.store = store;
        this.oldChunk = oldChunk;
        this.newChunk = newChunk;
        this.sequence = sequence;
    }

    /**
     * Marks the exception finished and wakes every waiter. The monitor is taken only when a
     * waiter has registered: a waiter registers before it reads {@link #done} and the finisher
     * writes {@link #done} before it reads {@link #waiters} (both volatile), so either the waiter
     * sees {@code done} or the finisher sees the waiter and notifies it under the monitor (which the
     * waiter holds until it sleeps).
     */
    void finish(boolean error) {
        assert !done : "pending exception finished twice";
        failed = error;
        done = true;
        if (waiters > 0) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Waits until finished; returns true when the exception was made successfully. */
    boolean await() {
        if (!done) {
            sleepUntilDone();
        }
        return !failed;
    }

    private synchronized void sleepUntilDone() {
        boolean interrupted = false;
        waiters++;
        try {
            while (!done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            waiters--;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
