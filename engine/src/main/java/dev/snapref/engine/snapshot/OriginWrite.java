package dev.snapref.engine.snapshot;

import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.dm.Bio;
import dev.snapref.engine.dm.DmContext;
import dev.snapref.engine.dm.Mapping;
import dev.snapref.engine.kernel.EngineBug;

import dev.snapref.engine.kernel.SchedulePoint;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * do_origin / __origin_write: a write to an origin device (through a {@code snapshot-origin}, or
 * a {@code snapshot-merge} redirecting to its origin) first makes sure every valid, active,
 * non-merging snapshot of the origin holds a completed exception for the chunk of the write's
 * first sector (per snapshot chunk size), waiting on pending exceptions and passing the snapshots
 * again once they complete (retry_origin_bios), then goes to the origin. Locks: the origins lock
 * (3, read) around each pass, each snapshot's lock (5) inside it; waits hold no lock.
 */
final class OriginWrite implements Mapping, Consumer<PendingException> {
    private static final PendingException[] NONE = new PendingException[0];

    private final DmContext ctx;
    private final Origins origins;
    private final BlockDevice dev;
    private final Bio bio;
    /** The origins' generation read before the first pass (see retryFindsNothing). */
    private final long generation;
    /** The bio is submitted whole: a snapshot may make its exception inline (see {@link ExceptionCompletion#completeInline}). */
    private final boolean whole;
    /** The exceptions the last pass returned, to wait for: {@code waitOn[0, waits)}. */
    private PendingException[] waitOn = NONE;
    private int waits;
    /** Those of them this write claimed and must start, in order: {@code toStart[0, starts)}. */
    private PendingException[] toStart = NONE;
    private int starts;
    /** The number of snapshots the current pass runs past (the most either array needs to hold). */
    private int passing;

    private OriginWrite(DmContext ctx, Origins origins, BlockDevice dev, Bio bio, boolean whole) {
        this.ctx = ctx;
        this.origins = origins;
        this.dev = dev;
        this.bio = bio;
        this.whole = whole;
        this.generation = origins.generation();
    }

    /**
     * The mapping of write piece {@code bio} to origin device {@code dev} (sector as on the origin):
     * the first pass runs now; with nothing to wait for, the piece is a plain remap to the origin.
     * One object per piece holds what a pass found (no lists; its arrays only once a pass finds an
     * exception to wait for or start). {@code whole}: dm core submits the
     * bio whole ({@link dev.snapref.engine.dm.Target#mapWhole}), so its first pass may make
     * exceptions inline.
     */
    static Mapping map(DmContext ctx, Origins origins, BlockDevice dev, Bio bio, boolean whole) {
        OriginWrite w = new OriginWrite(ctx, origins, dev, bio, whole);
        w.pass();
        return w;
    }

    @Override
    public void start() {
        startClaimed();
    }

    @Override
    public void finish() throws IOException {
        long seen = generation;
        while (waits > 0) {
            for (int i = 0; i < waits; i++) {
                waitOn[i].await();
            }
            SchedulePoint.at(ctx.interleaving(), "origin write: exceptions done");
            if (ctx.bug(EngineBug.ORIGIN_WRITE_SKIPS_SNAPSHOT)) {
                break; // the bug: no second pass over the snapshots skipped below
            }
            long now = origins.generation();
            if (now == seen) {
                break; // retry_origin_bios would find nothing: see retryFindsNothing
            }
            seen = now;
            // retry_origin_bios: run the write past the snapshots again
            pass();
            startClaimed();
        }
        dev.write(bio.sector, bio.buf, bio.off, bio.count, bio.fua);
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

    /** Starts (copies) the exceptions the last pass claimed, in order. */
    private void startClaimed() {
        for (int i = 0; i < starts; i++) {
            ExceptionCompletion.copy(toStart[i]);
        }
    }

    /** A pass claimed {@code pe}: this write starts it (snapshot lock held). */
    @Override
    public void accept(PendingException pe) {
        if (toStart.length < passing) {
            toStart = new PendingException[passing];
        }
        toStart[starts++] = pe;
    }

    /**
     * One pass of __origin_write over the snapshots of the origin for this write's sector: leaves
     * the exceptions to wait for in {@link #waitOn} and those to start in {@link #toStart}.
     */
    private void pass() {
        waits = 0;
        starts = 0;
        origins.lock().readLock().lock();
        try {
            List<SnapshotTarget> snaps = origins.snapshotsOf(dev);
            passing = snaps.size();
            for (int i = 0; i < snaps.size(); i++) {
                PendingException pe = SnapshotMap.originWrite(snaps.get(i), bio.sector, this, whole);
                if (pe != null) {
                    if (waitOn.length < snaps.size()) {
                        waitOn = new PendingException[snaps.size()];
                    }
                    waitOn[waits++] = pe;
                    if (ctx.bug(EngineBug.ORIGIN_WRITE_SKIPS_SNAPSHOT)) {
                        break; // the bug: the other snapshots of the origin are skipped
                    }
                }
            }
        } finally {
            origins.lock().readLock().unlock();
        }
    }
}
