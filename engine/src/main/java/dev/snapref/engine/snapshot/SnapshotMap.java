package dev.snapref.engine.snapshot;

import dev.snapref.engine.dm.Bio;
import dev.snapref.engine.dm.Mapping;
import dev.snapref.engine.kernel.DmException;
import dev.snapref.engine.kernel.Errno;
import dev.snapref.engine.kernel.SchedulePoint;
import dev.snapref.engine.store.ExceptionStore;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The snapshot's I/O path (snapshot_map, and the snapshot's part of __origin_write): a bio of the
 * snapshot device goes to the cow chunk of a completed exception, or to the origin when its chunk
 * has none (reads, tracked), or waits for the exception it starts or joins (writes). A write that
 * finds the cow full overflows a PO store or invalidates the snapshot.
 */
final class SnapshotMap {
    private SnapshotMap() {
    }

    /** snapshot_map for one piece (inside one chunk). */
    static Mapping map(SnapshotTarget s, Bio bio) {
        if (!s.valid) {
            return Mapping.kill();
        }
        s.lock.lock();
        try {
            if (!s.valid || (s.overflowed && bio.write)) {
                return Mapping.kill();
            }
            ExceptionStore st = s.store;
            long chunk = bio.sector >>> st.chunkShift();
            long e = s.complete.lookup(chunk);
            if (e != CompleteExceptions.NONE || s.complete.contains(chunk)) {
                return Mapping.remap(s.cow, (e << st.chunkShift()) | (bio.sector & st.chunkMask()), bio);
            }
            if (!bio.write) {
                s.tracked.track(chunk);
                return trackedRead(s, bio, chunk);
            }
            return write(s, st, bio, chunk);
        } finally {
            s.lock.unlock();
        }
    }

    /** A write to a chunk without completed exception: start or join its pending exception. Lock held. */
    private static Mapping write(SnapshotTarget s, ExceptionStore st, Bio bio, long chunk) {
        PendingException pe = s.pending.get(chunk);
        if (pe == null) {
            Optional<PendingException> allocated = newPending(s, chunk);
            if (allocated.isEmpty()) {
                allocationFailedOnWrite(s);
                return Mapping.kill();
            }
            pe = allocated.get();
        }
        long cowSector = (pe.newChunk << st.chunkShift()) | (bio.sector & st.chunkMask());
        if (!pe.started && bio.count == st.chunkSize()) {
            pe.started = true;
            pe.fullBio = bio;
            return fullChunkWrite(pe);
        }
        PendingException owned = null;
        if (!pe.started) {
            pe.started = true;
            owned = pe;
        }
        return queuedWrite(s, pe, owned, cowSector, bio);
    }

    /** start_full_bio: the bio covers the whole chunk, so its data replaces the copy. */
    private static Mapping fullChunkWrite(PendingException pe) {
        return new Mapping() {
            @Override
            public void start() {
                ExceptionCompletion.copy(pe);
            }

            @Override
            public void finish() throws IOException {
                if (!pe.await()) {
                    throw new IOException("exception failed");
                }
            }
        };
    }

    /** A write that waits for its exception, then goes to the cow; {@code owned} is the exception it starts. */
    private static Mapping queuedWrite(SnapshotTarget s, PendingException pe, PendingException owned, long cowSector,
                                       Bio bio) {
        return new Mapping() {
            @Override
            public void start() {
                if (owned != null) {
                    ExceptionCompletion.copy(owned);
                }
            }

            @Override
            public void finish() throws IOException {
                if (!pe.await()) {
                    throw new IOException("exception failed");
                }
                s.cow.write(cowSector, bio.buf, bio.off, bio.count, bio.fua);
            }
        };
    }

    private static Mapping trackedRead(SnapshotTarget s, Bio bio, long chunk) {
        return () -> {
            try {
                s.origin.read(bio.sector, bio.buf, bio.off, bio.count);
                SchedulePoint.at(s.ctx.interleaving(), "snapshot read: origin read");
            } finally {
                untrack(s, chunk);
            }
        };
    }

    private static void untrack(SnapshotTarget s, long chunk) {
        s.lock.lock();
        try {
            if (s.tracked.untrack(chunk)) {
                s.ctx.interleaving().signalAll(s.changed);
            }
        } finally {
            s.lock.unlock();
        }
    }

    /** A snapshot write could not get a cow chunk: overflow ("PO") or invalidation. Lock held. */
    private static void allocationFailedOnWrite(SnapshotTarget s) {
        if (s.store.userspaceSupportsOverflow()) {
            if (s.valid && !s.overflowed) {
                s.overflowed = true;
                s.log.log(SnapshotTarget.PREFIX + "Snapshot overflowed: Unable to allocate exception.");
            }
        } else {
            s.invalidate(Errno.ENOMEM);
        }
    }

    /**
     * Allocates a cow chunk for {@code chunk} and makes the exception at once ({@link
     * ExceptionCompletion#completeInline}); when the cow is full, invalidates the snapshot as
     * {@link #originWrite} does when {@link #newPending} finds it full. Lock held.
     */
    private static void completeInline(SnapshotTarget s, long chunk) {
        OptionalLong newChunk = allocate(s, chunk);
        if (newChunk.isEmpty()) {
            s.invalidate(Errno.ENOMEM);
            return;
        }
        ExceptionCompletion.completeInline(s, chunk, newChunk.getAsLong());
    }

    /** Allocates a pending exception for {@code chunk}; empty when the cow is full (ENOSPC from the store). Lock held. */
    private static Optional<PendingException> newPending(SnapshotTarget s, long chunk) {
        OptionalLong newChunk = allocate(s, chunk);
        return newChunk.isEmpty() ? Optional.empty()
                : Optional.of(s.pending.add(s, s.store, chunk, newChunk.getAsLong()));
    }

    /** A cow chunk for an exception of {@code chunk}, which has none; empty when the cow is full (ENOSPC). Lock held. */
    private static OptionalLong allocate(SnapshotTarget s, long chunk) {
        assert s.lock.isHeldByCurrentThread();
        assert s.pending.get(chunk) == null && !s.complete.contains(chunk) : "duplicate exception";
        try {
            return OptionalLong.of(s.store.prepare());
        } catch (DmException e) {
            assert e.errno() == Errno.ENOSPC : e;
            return OptionalLong.empty();
        }
    }

    /**
     * The part of __origin_write for snapshot {@code s}: makes sure a write at origin {@code sector}
     * gets an exception here. Returns the pending exception to wait for (null: nothing to do); hands
     * it to {@code toStart} (with the lock held) when the caller must start it. With {@code inline}
     * (a bio dm core submits whole) a new exception is made at once, in this hold of the lock, when
     * {@link ExceptionCompletion#canCompleteInline} allows; nothing is left to wait for then.
     */
    static PendingException originWrite(SnapshotTarget s, long sector, Consumer<PendingException> toStart,
                                        boolean inline) {
        if (s.merge || sector >= s.table().size()) {
            return null; // a merging snapshot makes no new exceptions: it has effectively been deleted
        }
        s.lock.lock();
        try {
            if (!s.valid || !s.active) {
                return null;
            }
            long chunk = sector >>> s.store.chunkShift();
            PendingException pe = s.pending.get(chunk);
            if (pe == null) {
                if (s.complete.contains(chunk)) {
                    return null;
                }
                if (inline && ExceptionCompletion.canCompleteInline(s, chunk)) {
                    completeInline(s, chunk);
                    return null;
                }
                Optional<PendingException> allocated = newPending(s, chunk);
                if (allocated.isEmpty()) {
                    s.invalidate(Errno.ENOMEM);
                    return null;
                }
                pe = allocated.get();
            }
            if (!pe.started) {
                pe.started = true;
                toStart.accept(pe);
            }
            return pe;
        } finally {
            s.lock.unlock();
        }
    }
}
