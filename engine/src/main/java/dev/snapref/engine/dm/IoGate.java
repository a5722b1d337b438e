package dev.snapref.engine.dm;

import dev.snapref.engine.kernel.Interleaving;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts I/O in flight on a mapped device and holds new I/O off while the device is blocked
 * (DMF_BLOCK_IO_FOR_SUSPEND). Blocking waits until every I/O in flight has finished (drain).
 *
 * <p>One atomic word holds the in-flight count and the BLOCKED and DEAD flags, so an I/O on an open
 * gate costs one compare-and-set to enter and one decrement to leave (the role of the kernel's
 * per-cpu in-flight counters); the lock is taken only to sleep and to wake sleepers. Because the
 * flags and the count change in the same word, an I/O either entered before the gate was blocked
 * (and the drain waits for it) or sees the flag and sleeps: nothing slips past a drain. Waiting
 * threads sleep on a condition; nobody spins. A dead gate (device removed) fails waiters.
 */
public final class IoGate {
    private static final long BLOCKED = 1L << 62;
    private static final long DEAD = 1L << 61;
    private static final long COUNT = DEAD - 1;

    private final AtomicLong state = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Threads asleep in {@link #enter()} (guarded by {@link #lock}). */
    private int waiting;
    private final Interleaving sched;

    /** A gate whose waits go through {@code sched} (see {@link Interleaving}). */
    public IoGate(Interleaving sched) {
        this.sched = sched;
    }

    /** A gate of real threads. */
    public IoGate() {
        this(Interleaving.FREE);
    }

    /** Enters the gate, waiting while it is blocked. Returns false when the device went away. */
    public boolean enter() {
        long s = state.get();
        if ((s & (BLOCKED | DEAD)) == 0 && state.compareAndSet(s, s + 1)) {
            return true;
        }
        return enterSlow();
    }

    private boolean enterSlow() {
        lock.lock();
        try {
            waiting++;
            try {
                while (true) {
                    long s = state.get();
                    if ((s & DEAD) != 0) {
                        return false;
                    }
                    if ((s & BLOCKED) == 0) {
                        if (state.compareAndSet(s, s + 1)) {
                            return true;
                        }
                        continue;
                    }
                    sched.await(lock, changed, "gate: wait while blocked");
                }
            } finally {
                waiting--;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Leaves the gate after {@link #enter()} returned true. */
    public void exit() {
        long s = state.decrementAndGet();
        assert (s & COUNT) != COUNT : "exit without enter";
        if ((s & COUNT) == 0 && (s & BLOCKED) != 0) {
            signal();
        }
    }

    private void signal() {
        lock.lock();
        try {
            sched.signalAll(changed);
        } finally {
            lock.unlock();
        }
    }

    /** Holds new I/O off and waits until no I/O is in flight. */
    public void blockAndDrain() {
        long before = state.getAndUpdate(s -> s | BLOCKED);
        assert (before & BLOCKED) == 0 : "gate blocked twice";
        lock.lock();
        try {
            while ((state.get() & COUNT) > 0) {
                sched.await(lock, changed, "gate: drain");
            }
        } finally {
            lock.unlock();
        }
    }

    /** Lets held-off and new I/O proceed. */
    public void unblock() {
        long before = state.getAndUpdate(s -> s & ~BLOCKED);
        assert (before & BLOCKED) != 0 : "unblock of an open gate";
        signal();
    }

    public boolean isBlocked() {
        return (state.get() & BLOCKED) != 0;
    }

    /** Threads in flight or waiting: the device's open count as far as I/O goes. */
    public int users() {
        lock.lock();
        try {
            return (int) (state.get() & COUNT) + waiting;
        } finally {
            lock.unlock();
        }
    }

    /** Marks the device gone: waiters and later callers fail. */
    public void kill() {
        state.getAndUpdate(s -> s | DEAD);
        signal();
    }
}
