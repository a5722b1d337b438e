package dev.snapref.conformance.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A condition wait under the controlled scheduler ends only through a signal, as a real thread's
 * does: a waiter whose condition was never signalled is not offered again (so the engine's lost
 * wake-ups show as a deadlock), and one whose condition was signalled is.
 */
class LostWakeupTest {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean ready;

    /** Worker 0 waits for {@link #ready}; worker 1 sets it, signalling or not. */
    private List<Integer> enabledAfterTheSetter(boolean signal) throws InterruptedException {
        ControlledScheduler sched = new ControlledScheduler(2);
        Thread waiter = new Thread(() -> {
            sched.attach(0, "start");
            lock.lock();
            try {
                while (!ready) {
                    sched.await(lock, changed, "wait for ready");
                }
            } finally {
                lock.unlock();
            }
            sched.detach();
        });
        Thread setter = new Thread(() -> {
            sched.attach(1, "start");
            lock.lock();
            try {
                ready = true;
                if (signal) {
                    sched.signalAll(changed);
                }
            } finally {
                lock.unlock();
            }
            sched.detach();
        });
        for (Thread t : List.of(waiter, setter)) {
            t.setDaemon(true);
            // abandoning the run unwinds a still-blocked worker with Abandoned: expected here
            t.setUncaughtExceptionHandler((th, e) -> {
                if (!(e instanceof ControlledScheduler.Abandoned)) {
                    throw new AssertionError(e);
                }
            });
        }
        waiter.start();
        setter.start();
        assertEquals(List.of(0, 1), sched.enabled(5_000));
        sched.grant(0); // the waiter finds ready false and blocks on the condition
        assertEquals(List.of(1), sched.enabled(5_000));
        sched.grant(1); // the setter sets ready and ends
        List<Integer> out = sched.enabled(5_000);
        assertNotNull(out, "the run stalled");
        if (out.contains(0)) {
            sched.grant(0);
            sched.enabled(5_000);
        }
        sched.abandon();
        return out;
    }

    @Test
    @Timeout(30)
    void aSignalledWaiterRunsAgain() throws InterruptedException {
        assertEquals(List.of(0), enabledAfterTheSetter(true));
    }

    @Test
    @Timeout(30)
    void aWaiterNoSignalReachesStaysBlockedAlthoughTheOtherMadeProgress() throws InterruptedException {
        List<Integer> enabled = enabledAfterTheSetter(false);
        assertTrue(enabled.isEmpty(), "a lost wake-up must leave no runnable worker: " + enabled);
    }
}
