package dev.snapref.engine.snapshot;

import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.dm.Bio;
import dev.snapref.engine.dm.DmContext;
import dev.snapref.engine.dm.Mapping;
import dev.snapref.engine.kernel.EngineBug;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * do_origin / __origin_write: a write to an origin device (through a {@code snapshot-origin}, or
 * a {@code snapshot-merge} redirecting to its origin) first makes sure every valid, active,
 * non-merging snapshot of the origin holds a completed exception for the chunk of the write's
 * first sector (per snapshot chunk size), waiting on pending exceptions and passing the snapshots
 * again once they complete (retry_origin_bios), then goes to the origin. Locks: the origins lock
 * (3, read) around each pass, each snapshot's lock (5) inside it; waits hold no lock.
 */
final class OriginWrite {
    private OriginWrite() {
    }

    /** The mapping of write piece {@code bio} to origin device {@code dev} (sector as on the origin). */
    static Mapping map(DmContext ctx, Origins origins, BlockDevice dev, Bio bio) {
        List<PendingException> toStart = new ArrayList<>(2);
        long generation = origins.generation();
        List<PendingException> waitOn = pass(ctx, origins, dev, bio.sector, toStart);
        if (waitOn.isEmpty()) {
            return Mapping.remap(dev, bio.sector, bio);
        }
        return new Mapping() {
            @Override
            public void start() {
                startAll(toStart);
            }

            @Override
            public void finish() throws IOException {
                List<PendingException> w = waitOn;
                long seen = generation;
                while (!w.isEmpty()) {
                    for (PendingException pe : w) {
                        pe.await();
                    }
                    ctx.interleaving().point("origin write: exceptions done");
                    if (ctx.bug(EngineBug.ORIGIN_WRITE_SKIPS_SNAPSHOT)) {
                        break; // the bug: no second pass over the snapshots skipped below
                    }
                    long now = origins.generation();
                    if (now == seen) {
                        break; // retry_origin_bios would find nothing: see retryFindsNothing
                    }
                    seen = now;
                    // retry_origin_bios: run the write past the snapshots again
                    List<PendingException> again = new ArrayList<>(2);
                    w = pass(ctx, origins, dev, bio.sector, again);
                    startAll(again);
                }
                dev.write(bio.sector, bio.buf, bio.off, bio.count, false);
            }
        };
    }

    /*
     * retryFindsNothing: the second pass (retry_origin_bios) over the snapshots is skipped when the
     * origins' generation is the one read before the first pass. Then the second pass would return
     * nothing to wait for: every snapshot the first pass skipped was invalid, inactive, merging or
     * past its length, or already had a completed exception for the chunk, and none of that can
     * change back without a generation bump (activation, registration; a completed exception of a
     * snapshot that is not merging is never removed, only moved by a handover, which activates its
     * destination; a merge removes exceptions only of the merging snapshot, which origin writes
     * skip); every exception the first pass returned has completed (or failed, invalidating its
     * snapshot). The generation is read before the first pass, so a change during it is seen too.
     */

    /** Starts (copies) each of {@code pes}, in order. */
    static void startAll(List<PendingException> pes) {
        for (int i = 0; i < pes.size(); i++) {
            ExceptionCompletion.copy(pes.get(i));
        }
    }

    /**
     * One pass of __origin_write over the snapshots of origin {@code dev} for a write at
     * {@code sector}; returns the exceptions to wait for (an empty list, shared, when there are
     * none) and adds those the caller must start to {@code toStart}.
     */
    static List<PendingException> pass(DmContext ctx, Origins origins, BlockDevice dev, long sector,
                                       List<PendingException> toStart) {
        origins.lock().readLock().lock();
        try {
            List<SnapshotTarget> snaps = origins.snapshotsOf(dev);
            List<PendingException> waitOn = List.of();
            for (int i = 0; i < snaps.size(); i++) {
                PendingException pe = SnapshotMap.originWrite(snaps.get(i), sector, toStart);
                if (pe != null) {
                    if (waitOn.isEmpty()) {
                        waitOn = new ArrayList<>(2);
                    }
                    waitOn.add(pe);
                    if (ctx.bug(EngineBug.ORIGIN_WRITE_SKIPS_SNAPSHOT)) {
                        break; // the bug: the other snapshots of the origin are skipped
                    }
                }
            }
            return waitOn;
        } finally {
            origins.lock().readLock().unlock();
        }
    }
}
