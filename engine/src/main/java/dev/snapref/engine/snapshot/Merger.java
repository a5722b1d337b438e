package dev.snapref.engine.snapshot;

import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.engine.kernel.SchedulePoint;
import dev.snapref.engine.store.MergeRun;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The background merge of a {@code snapshot-merge} target (dm-snap.c: start_merge, stop_merge,
 * snapshot_merge_next_chunks, merge_callback), the engine's kcopyd: a worker thread merges the
 * newest run of consecutive exceptions at a time: the origin's other snapshots copy out the chunks
 * first (origin_write_extent), writes remapped to those chunks drain, the run is copied from the
 * cow to the origin, the origin is flushed (fcc42338375a), the store clears the run's records,
 * the exceptions leave the table and writes queued on the run are released. It stops when nothing
 * is left, when asked to ({@link #stop}, at presuspend and destruction), or at an I/O error
 * ("Merge failed").
 *
 * <p>Locks: its running/shutdown bits under its own state lock (taken alone); the merge window and
 * the table under the snapshot's lock (5); the copy-out under the origins lock (3) then the other
 * snapshots' locks; the copy itself and the waits hold no lock. {@link #stop} is called with the
 * control lock held and waits for the worker, which never takes the control lock.
 *
 * <p>Schedule points: the worker is started through the context's {@code Interleaving}
 * ({@code startWorker}), so a controlled run schedules it like any other thread; it passes the
 * named points {@code merge: run prepared} (before the copy-out of a run), {@code merge: before
 * copy} (window open, before the copy) and {@code merge: copied} (before the commit), each with no
 * lock held, and every wait of the merge ({@link #stop}, writes draining from a run, writes queued
 * behind one) goes through the interleaving's {@code await}.
 */
final class Merger {
    private final SnapshotTarget s;
    /** Guards {@link #running} and {@link #shutdown} (lock 6 of the lock order, taken alone). */
    private final ReentrantLock state = new ReentrantLock();
    /** Signalled when the worker ends. */
    private final Condition stopped = state.newCondition();
    private boolean running;
    private boolean shutdown;
    /** The run being merged (guarded by the snapshot's lock); null between runs. */
    private MergeWindow window;

    Merger(SnapshotTarget s) {
        this.s = s;
    }

    /**
     * start_merge: unless running, checks validity here (as the kernel's first step does) and
     * starts the worker through the interleaving (a plain daemon thread by default).
     */
    void start() {
        state.lock();
        try {
            if (running) {
                return;
            }
            running = true;
        } finally {
            state.unlock();
        }
        if (!s.valid) {
            s.log.log(SnapshotTarget.PREFIX + "Snapshot is invalid: can't merge");
            finished();
            return;
        }
        s.ctx.interleaving().startWorker("merge-" + s.table().md().name(), this::run);
    }

    /**
     * stop_merge: asks the worker to stop after its current run and waits (through the
     * interleaving) until it has. Returns with no worker running.
     */
    void stop() {
        state.lock();
        try {
            shutdown = true;
            while (running) {
                s.ctx.interleaving().await(state, stopped, "merge: wait for the worker to stop");
            }
            shutdown = false;
        } finally {
            state.unlock();
        }
    }

    /** Whether a merge is running (tests, the status of a stop). */
    boolean running() {
        state.lock();
        try {
            return running;
        } finally {
            state.unlock();
        }
    }

    /** The window a write to {@code chunk} must wait for, or null. Snapshot lock held. */
    MergeWindow windowOf(long chunk) {
        assert s.lock.isHeldByCurrentThread();
        return window != null && window.covers(chunk) ? window : null;
    }

    private void run() {
        try {
            while (step()) {
                // one run per step
            }
        } catch (RuntimeException | Error e) {
            // an engine defect (an assertion): the merge stops as failed and the driver rethrows it
            s.lock.lock();
            try {
                s.mergeFailed = true;
                closeWindow(true);
            } finally {
                s.lock.unlock();
            }
            s.ctx.reportBackgroundFailure(e);
        } finally {
            finished();
        }
    }

    private void finished() {
        state.lock();
        try {
            running = false;
            s.ctx.interleaving().signalAll(stopped);
        } finally {
            state.unlock();
        }
    }

    private boolean shuttingDown() {
        state.lock();
        try {
            return shutdown;
        } finally {
            state.unlock();
        }
    }

    /** One run; false when the merge ends (nothing left, stopped, failed). */
    private boolean step() {
        if (shuttingDown()) {
            return false;
        }
        if (!s.valid) {
            s.log.log(SnapshotTarget.PREFIX + "Snapshot is invalid: can't merge");
            return false;
        }
        MergeRun run;
        s.lock.lock();
        try {
            run = s.store.prepareMerge();
        } catch (IOException e) {
            fail("Read error in exception store: shutting down merge");
            return false;
        } finally {
            s.lock.unlock();
        }
        if (run.chunks() == 0) {
            return false;
        }
        SchedulePoint.at(s.ctx.interleaving(), "merge: run prepared");
        long cs = s.store.chunkSize();
        long dest = run.firstOld() * cs;
        long ioSize = run.chunks() * cs;
        long originSize = s.origin.sectors();
        int count = (int) (dest >= originSize ? ioSize : Math.min(ioSize, originSize - dest));
        if (!s.bug(EngineBug.MERGE_SKIPS_OTHER_SNAPSHOTS)) {
            copyOutOthers(dest, ioSize);
        }
        openWindow(run);
        SchedulePoint.at(s.ctx.interleaving(), "merge: before copy");
        if (!copy(run.firstNew() * cs, dest, count)) {
            return false;
        }
        SchedulePoint.at(s.ctx.interleaving(), "merge: copied");
        return commit(run);
    }

    /**
     * origin_write_extent, repeated until nothing is left to wait for: every other snapshot of the
     * origin gets an exception for each chunk of {@code [sector, sector+size)}, one per
     * max_io_len step; all are allocated, then started, then waited for.
     */
    private void copyOutOthers(long sector, long size) {
        long step = Math.max(1, s.maxIoLen);
        while (true) {
            List<PendingException> toStart = new ArrayList<>();
            List<PendingException> waitOn = new ArrayList<>();
            java.util.function.Consumer<PendingException> claim = toStart::add;
            s.origins.lock().readLock().lock();
            try {
                List<SnapshotTarget> snaps = s.origins.snapshotsOf(s.origin);
                for (long off = 0; off < size; off += step) {
                    for (int i = 0; i < snaps.size(); i++) {
                        PendingException pe = SnapshotMap.originWrite(snaps.get(i), sector + off, claim, false);
                        if (pe != null) {
                            waitOn.add(pe);
                        }
                    }
                }
            } finally {
                s.origins.lock().readLock().unlock();
            }
            if (waitOn.isEmpty()) {
                return;
            }
            OriginWrite.startAll(toStart);
            for (PendingException pe : waitOn) {
                pe.await();
            }
        }
    }

    /** The run becomes the merge window; writes remapped into it before drain first. */
    private void openWindow(MergeRun run) {
        s.lock.lock();
        try {
            window = new MergeWindow(run.firstOld(), run.chunks());
            for (long c = run.firstOld(); c <= run.lastOld(); c++) {
                while (s.tracked.busy(c)) {
                    s.ctx.interleaving().await(s.lock, s.changed, "merge: wait for writes to the run");
                }
            }
        } finally {
            s.lock.unlock();
        }
    }

    /** kcopyd: the run's cow chunks to the origin (one read, one write), then the origin flush. */
    private boolean copy(long src, long dest, int count) {
        byte[] buf = new byte[count * BlockDevice.SECTOR_SIZE];
        try {
            s.cow.read(src, buf, 0, count);
        } catch (IOException e) {
            fail("Read error: shutting down merge.");
            return false;
        }
        try {
            s.origin.write(dest, buf, 0, count, false);
        } catch (IOException e) {
            fail("Write error: shutting down merge.");
            return false;
        }
        if (!s.bug(EngineBug.MERGE_COMMIT_BEFORE_FLUSH)) {
            try {
                s.origin.flush();
            } catch (IOException e) {
                fail("Flush after merge failed: shutting down merge");
                return false;
            }
        }
        return true;
    }

    /** commit_merge, then remove_single_exception_chunk for each chunk (last first), then the window closes. */
    private boolean commit(MergeRun run) {
        s.lock.lock();
        try {
            try {
                s.store.commitMerge(run.chunks());
            } catch (IOException e) {
                fail("Write error in exception store: shutting down merge");
                return false;
            }
            for (long c = run.lastOld(); c >= run.firstOld(); c--) {
                if (!s.complete.remove(c)) {
                    fail("Corruption detected: exception for block " + Long.toUnsignedString(c)
                            + " is on disk but not in memory");
                    return false;
                }
            }
            closeWindow(false);
            return true;
        } finally {
            s.lock.unlock();
        }
    }

    /** A failed step: logged, then "Merge failed", the window's queued writes fail. */
    private void fail(String message) {
        s.log.log(SnapshotTarget.PREFIX + message);
        s.lock.lock();
        try {
            s.mergeFailed = true;
            closeWindow(true);
        } finally {
            s.lock.unlock();
        }
    }

    /** __release_queued_bios_after_merge. Snapshot lock held. */
    private void closeWindow(boolean failed) {
        if (window != null) {
            window.release(failed);
            window = null;
        }
        s.ctx.interleaving().signalAll(s.changed);
    }
}
