package dev.snapref.engine.core;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts I/O in flight on a mapped device and holds new I/O off while the device is blocked
 * (DMF_BLOCK_IO_FOR_SUSPEND). Blocking waits until every I/O in flight has finished (drain).
 * Waiting threads sleep on a condition; nobody spins. A dead gate (device removed) fails waiters.
 */
public final class IoGate {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean blocked;
    private boolean dead;
    private int inFlight;
    private int waiting;

    /** Enters the gate, waiting while it is blocked. Returns false when the device went away. */
    public boolean enter() {
        lock.lock();
        try {
            waiting++;
            while (blocked && !dead) {
                changed.awaitUninterruptibly();
            }
            waiting--;
            if (dead) {
                return false;
            }
            inFlight++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Leaves the gate after {@link #enter()} returned true. */
    public void exit() {
        lock.lock();
        try {
            assert inFlight > 0 : "exit without enter";
            inFlight--;
            if (inFlight == 0) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Holds new I/O off and waits until no I/O is in flight. */
    public void blockAndDrain() {
        lock.lock();
        try {
            assert !blocked : "gate blocked twice";
            blocked = true;
            while (inFlight > 0) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Lets held-off and new I/O proceed. */
    public void unblock() {
        lock.lock();
        try {
            assert blocked : "unblock of an open gate";
            blocked = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isBlocked() {
        lock.lock();
        try {
            return blocked;
        } finally {
            lock.unlock();
        }
    }

    /** Threads in flight or waiting: the device's open count as far as I/O goes. */
    public int users() {
        lock.lock();
        try {
            return inFlight + waiting;
        } finally {
            lock.unlock();
        }
    }

    /** Marks the device gone: waiters and later callers fail. */
    public void kill() {
        lock.lock();
        try {
            dead = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
