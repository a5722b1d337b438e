package dev.snapref.conformance.race;

import dev.snapref.engine.kernel.Interleaving;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs the engine's threads one at a time: the engine's {@link Interleaving} for a controlled run.
 * Each worker thread runs only while it holds the baton; at every schedule point, wait and
 * contended lock of the engine it hands the baton back, and the controller (the thread that
 * calls {@link #step}) decides who runs next. So the run is a function of the decisions alone:
 * the same decisions give the same interleaving, on any machine, under any load.
 *
 * <p>A worker that must wait (a condition wait, a lock held by a switched-out worker) is
 * <em>blocked</em>. In a condition wait it is offered again only once the condition was signalled
 * through {@link #signalAll} (a real thread sleeps until then, so a lost wake-up ends the run in a
 * deadlock); waiting for a lock, only after some other worker made progress. Either way it then
 * re-checks its condition. Threads that are not workers (the controller running the set-up and
 * the checks) pass through: points do nothing, waits and locks are real.
 *
 * <p>The engine's background workers ({@link #startWorker}, the merge) started by a worker are
 * <em>adopted</em>: each becomes one more worker, numbered after the scenario's threads in the
 * order they were started, that waits for the baton before it runs its first step; its first
 * label is {@code start of NAME}. One started by a thread that is not a worker (the set-up, the
 * checks) runs as a plain thread, as with {@link Interleaving#FREE}. {@link #pause} (a poll
 * loop's pause) is a wait: the worker is blocked until another made progress.
 *
 * <p>Limits: a worker that blocks outside the engine's schedule points (a lock the engine takes
 * directly while another worker holds it, against {@link Interleaving}'s contract) cannot be seen;
 * the controller then times out ({@link #step} returns false: the run stalled) and {@link #abandon}s
 * the run. Wall-clock time is used only for that timeout, never for a decision.
 */
final class ControlledScheduler implements Interleaving {
    /** Where a worker is. */
    enum State { RUNNING, AT_POINT, BLOCKED, DONE }

    /** Thrown inside a worker of an abandoned run so that it unwinds and ends. */
    static final class Abandoned extends Error {
        Abandoned() {
            super("controlled run abandoned", null, false, false);
        }
    }

    private final ReentrantLock m = new ReentrantLock();
    private final Condition changed = m.newCondition();
    /** Per worker, indexed by worker number; adopted workers are appended (guarded by {@link #m}). */
    private final List<State> state = new ArrayList<>();
    private final List<String> label = new ArrayList<>();
    private final List<Long> blockedAt = new ArrayList<>();
    private final List<Boolean> startedBlocked = new ArrayList<>();
    /** The condition a worker waits on (null: not in a condition wait). */
    private final List<Condition> waitingOn = new ArrayList<>();
    /** Whether the condition a worker waits on was signalled since it began to wait. */
    private final List<Boolean> woken = new ArrayList<>();
    private final ThreadLocal<Integer> self = new ThreadLocal<>();
    /** The worker that may run, or -1 (the controller decides). */
    private int turn = -1;
    /** Counts steps that made progress; a blocked worker is offered again once it moved on. */
    private long progress;
    private boolean abandoned;

    ControlledScheduler(int workers) {
        for (int i = 0; i < workers; i++) {
            add(State.RUNNING, "start");
        }
    }

    /** Appends a worker; returns its number. Lock held (or during construction). */
    private int add(State s, String where) {
        state.add(s);
        label.add(where);
        blockedAt.add(0L);
        startedBlocked.add(false);
        waitingOn.add(null);
        woken.add(false);
        return state.size() - 1;
    }

    /** How many workers there are so far (the scenario's threads and the adopted ones). */
    int workers() {
        m.lock();
        try {
            return state.size();
        } finally {
            m.unlock();
        }
    }

    /** Binds the calling thread to worker {@code index}; it waits for the baton before it returns. */
    void attach(int index, String where) {
        self.set(index);
        yieldAs(index, State.AT_POINT, where, true);
    }

    /** The calling worker finished its operations. */
    void detach() {
        Integer me = self.get();
        m.lock();
        try {
            countProgress(me, State.DONE);
            state.set(me, State.DONE);
            turn = -1;
            changed.signalAll();
        } finally {
            m.unlock();
        }
    }

    @Override
    public void point(String where) {
        Integer me = self.get();
        if (me != null) {
            yieldAs(me, State.AT_POINT, where);
        }
    }

    @Override
    public void await(ReentrantLock lock, Condition condition, String where) {
        Integer me = self.get();
        if (me == null) {
            condition.awaitUninterruptibly();
            return;
        }
        assert lock.getHoldCount() == 1 : "controlled wait with a lock held " + lock.getHoldCount() + " times";
        waitFor(me, condition);
        lock.unlock();
        try {
            yieldAs(me, State.BLOCKED, where);
        } finally {
            waitFor(me, null);
            lock.lock();
        }
    }

    /** Worker {@code me} begins (a condition) or ends (null) a condition wait, not yet signalled. */
    private void waitFor(int me, Condition condition) {
        m.lock();
        try {
            waitingOn.set(me, condition);
            woken.set(me, false);
        } finally {
            m.unlock();
        }
    }

    /**
     * Signals {@code condition} and marks every worker waiting on it woken: only a woken worker's
     * condition wait is offered again ({@link #enabled}), as a real thread sleeps until signalled,
     * so a missing signal leaves the waiter blocked and the run ends in a deadlock.
     */
    @Override
    public void signalAll(Condition condition) {
        condition.signalAll();
        m.lock();
        try {
            for (int i = 0; i < waitingOn.size(); i++) {
                if (waitingOn.get(i) == condition) {
                    woken.set(i, true);
                }
            }
        } finally {
            m.unlock();
        }
    }

    @Override
    public void lock(ReentrantLock lock, String where) {
        Integer me = self.get();
        if (me == null) {
            lock.lock();
            return;
        }
        while (!lock.tryLock()) {
            yieldAs(me, State.BLOCKED, where + " (taken)");
        }
    }

    /**
     * Started by a worker: adopts {@code body} as a new worker, waiting at {@code start of NAME}
     * for the baton; the caller goes on holding it. Started by any other thread: a plain daemon
     * thread. An adopted worker whose run is abandoned unwinds quietly.
     */
    @Override
    public void startWorker(String name, Runnable body) {
        Integer parent = self.get();
        if (parent == null) {
            Interleaving.super.startWorker(name, body);
            return;
        }
        int me;
        m.lock();
        try {
            if (abandoned) {
                throw new Abandoned();
            }
            me = add(State.AT_POINT, "start of " + name);
        } finally {
            m.unlock();
        }
        Thread t = new Thread(() -> runAdopted(me, body), name);
        t.setDaemon(true);
        t.start();
    }

    /** An adopted worker's thread: waits for the baton, runs {@code body}, ends (also if it throws). */
    private void runAdopted(int me, Runnable body) {
        self.set(me);
        try {
            awaitTurn(me);
            body.run();
        } catch (Abandoned e) {
            // the run was given up: unwind quietly
        } finally {
            detach();
        }
    }

    /** Waits until the controller hands the baton to {@code me}, which then runs. */
    private void awaitTurn(int me) {
        m.lock();
        try {
            while (turn != me) {
                if (abandoned) {
                    throw new Abandoned();
                }
                changed.awaitUninterruptibly();
            }
            startedBlocked.set(me, false);
            state.set(me, State.RUNNING);
        } finally {
            m.unlock();
        }
    }

    @Override
    public void pause(String where) throws InterruptedException {
        Integer me = self.get();
        if (me == null) {
            Interleaving.super.pause(where);
            return;
        }
        yieldAs(me, State.BLOCKED, where);
    }

    private void yieldAs(int me, State s, String where) {
        yieldAs(me, s, where, false);
    }

    private void yieldAs(int me, State s, String where, boolean first) {
        m.lock();
        try {
            if (abandoned) {
                throw new Abandoned();
            }
            assert first || turn == me : "worker " + me + " ran without the baton";
            countProgress(me, s);
            state.set(me, s);
            label.set(me, where);
            if (s == State.BLOCKED) {
                blockedAt.set(me, progress);
            }
            turn = -1;
            changed.signalAll();
            while (turn != me) {
                if (abandoned) {
                    throw new Abandoned();
                }
                changed.awaitUninterruptibly();
            }
            startedBlocked.set(me, state.get(me) == State.BLOCKED);
            state.set(me, State.RUNNING);
        } finally {
            m.unlock();
        }
    }

    /** A step made progress unless a blocked worker re-checked and is blocked again. Lock held. */
    private void countProgress(int me, State next) {
        if (!(startedBlocked.get(me) && next == State.BLOCKED)) {
            progress++;
        }
    }

    /**
     * The workers that may run now, in index order: those at a point, and those blocked since
     * before the last progress. Waits until no worker is running (or {@code timeoutMs} passed:
     * then null, the run stalled).
     */
    List<Integer> enabled(long timeoutMs) {
        m.lock();
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            while (turn != -1 || anyRunning()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                changed.awaitNanos(left);
            }
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < state.size(); i++) {
                State si = state.get(i);
                if (si == State.AT_POINT || si == State.BLOCKED && mayRecheck(i)) {
                    out.add(i);
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("controlled run interrupted", e);
        } finally {
            m.unlock();
        }
    }

    /**
     * A blocked worker is offered again when it could get further: in a condition wait, once the
     * condition was signalled; waiting for a lock or in a poll loop's pause, once another worker
     * made progress since it blocked. Lock held.
     */
    private boolean mayRecheck(int i) {
        return waitingOn.get(i) != null ? woken.get(i) : blockedAt.get(i) < progress;
    }

    private boolean anyRunning() {
        for (State s : state) {
            if (s == State.RUNNING) {
                return true;
            }
        }
        return false;
    }

    /** Whether every worker finished. */
    boolean allDone() {
        m.lock();
        try {
            for (State s : state) {
                if (s != State.DONE) {
                    return false;
                }
            }
            return true;
        } finally {
            m.unlock();
        }
    }

    /** Where worker {@code i} waits for the baton (its next step starts there). */
    String label(int i) {
        m.lock();
        try {
            return label.get(i);
        } finally {
            m.unlock();
        }
    }

    /** Whether worker {@code i} is blocked (it waits, or wants a lock another worker holds). */
    boolean blocked(int i) {
        m.lock();
        try {
            return state.get(i) == State.BLOCKED;
        } finally {
            m.unlock();
        }
    }

    /** Hands the baton to worker {@code i}; {@link #enabled} then waits for it to hand it back. */
    void grant(int i) {
        m.lock();
        try {
            assert turn == -1 && state.get(i) != State.DONE && state.get(i) != State.RUNNING : "grant to worker " + i;
            turn = i;
            changed.signalAll();
        } finally {
            m.unlock();
        }
    }

    /** Ends the run: every worker waiting for the baton unwinds with {@link Abandoned}. */
    void abandon() {
        m.lock();
        try {
            abandoned = true;
            changed.signalAll();
        } finally {
            m.unlock();
        }
    }
}
