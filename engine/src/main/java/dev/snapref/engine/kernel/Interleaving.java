package dev.snapref.engine.kernel;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine's schedule points: where a controlled run (the conformance gate's deterministic
 * concurrency phase) may switch from one thread to another, and the waits and contended locks it
 * must see so that a thread never blocks behind its back. The engine calls it; it never decides
 * anything. {@link #FREE} — the default of every engine — lets real threads run: points do
 * nothing, waits are condition waits, locks are locks.
 *
 * <p>Contract for callers (the engine):
 * <ul>
 * <li>{@link #point} (through {@link SchedulePoint#at}) is called only where the calling thread holds no engine lock other than the
 *     control lock and a snapshot's completion lock (both taken through {@link #lock}), so a
 *     thread switched out at a point never holds a lock another thread takes without asking.</li>
 * <li>{@link #await} is called in a loop that re-checks its condition (it may return spuriously),
 *     with {@code lock} held exactly once by the caller.</li>
 * <li>{@link #lock} replaces {@code lock.lock()} for the locks that may be held across a point or
 *     a wait: the control lock and the completion locks.</li>
 * <li>{@link #startWorker} replaces {@code new Thread(...).start()} for the engine's background
 *     workers (the merge), so that a controlled run can schedule them like its own threads.</li>
 * <li>{@link #pause} is the pause of a poll loop (a caller re-checking a state other threads
 *     change, with no lock held and no condition to wait on).</li>
 * </ul>
 *
 * <p>Limit: the engine's other locks (snapshot, origins, gate, page monitors) are taken directly;
 * they are never held across a point or wait, so a controlled run, which runs one thread at a time,
 * never finds them taken.
 */
public interface Interleaving {
    /** Real threads, no control: the default. */
    Interleaving FREE = new Interleaving() {
    };

    /** A place where a controlled run may switch threads; {@code where} names it in schedules. */
    default void point(String where) {
    }

    /**
     * Waits on {@code condition} (of {@code lock}, held once) until signalled or spuriously woken.
     * A controlled run releases the lock, lets other threads run, and re-takes it.
     */
    default void await(ReentrantLock lock, Condition condition, String where) {
        condition.awaitUninterruptibly();
    }

    /**
     * Wakes every thread waiting on {@code condition}; the caller holds its lock. A controlled run
     * also makes those of its threads waiting on it runnable again, and only those: a wait that no
     * signal ends stays blocked, so a lost wake-up shows as a deadlock instead of passing unseen.
     */
    default void signalAll(Condition condition) {
        condition.signalAll();
    }

    /** Takes {@code lock}; a controlled run lets other threads run while it is taken elsewhere. */
    default void lock(ReentrantLock lock, String where) {
        lock.lock();
    }

    /**
     * Starts a background worker of the engine named {@code name} that runs {@code body} once.
     * Guarantee: {@code body} runs exactly once, on a thread of its own, unless a controlled run is
     * given up first. {@link #FREE} starts a plain daemon thread at once; a controlled run may
     * instead make it one more of its scheduled threads, which runs only when the run says so.
     */
    default void startWorker(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    /**
     * The pause between two checks of a poll loop, called with no engine lock held. {@link #FREE}
     * sleeps a millisecond; a controlled run lets the other threads run first, as for a wait.
     *
     * @throws InterruptedException when the calling thread is interrupted
     */
    default void pause(String where) throws InterruptedException {
        Thread.sleep(1);
    }
}
