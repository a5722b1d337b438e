package dev.snapref.engine.snapshot;

import dev.snapref.engine.dm.Bio;
import dev.snapref.engine.dm.Mapping;

import java.io.IOException;

/**
 * snapshot_merge_map: the I/O path of a {@code snapshot-merge} device. A chunk that still has an
 * exception is read and written in the cow (writes tracked, so a merge of the chunk waits for
 * them); a write to a chunk of the run being merged waits for the run ({@link MergeWindow}) and
 * is mapped again; every other chunk, and every chunk of an invalid merge target, goes to the
 * origin, a write copying out to the origin's other snapshots first ({@link OriginWrite}).
 */
final class MergeMap {
    private MergeMap() {
    }

    static Mapping map(SnapshotTarget s, Bio bio) {
        s.lock.lock();
        try {
            if (s.valid) {
                long chunk = bio.sector >>> s.store.chunkShift();
                long e = s.complete.lookup(chunk);
                if (e != CompleteExceptions.NONE || s.complete.contains(chunk)) {
                    MergeWindow w = bio.write ? s.merger.windowOf(chunk) : null;
                    if (w != null) {
                        return queued(s, w, bio);
                    }
                    long cowSector = (e << s.store.chunkShift()) | (bio.sector & s.store.chunkMask());
                    if (!bio.write) {
                        return Mapping.remap(s.cow, cowSector, bio);
                    }
                    s.tracked.track(chunk);
                    return trackedWrite(s, cowSector, bio, chunk);
                }
            }
        } finally {
            s.lock.unlock();
        }
        if (!bio.write) {
            return Mapping.remap(s.origin, bio.sector, bio);
        }
        return OriginWrite.map(s.ctx, s.origins, s.origin, bio, false);
    }

    /** A write queued behind the run being merged: mapped again once the run is committed, EIO if the merge failed. */
    private static Mapping queued(SnapshotTarget s, MergeWindow w, Bio bio) {
        return () -> {
            s.lock.lock();
            try {
                while (!w.released()) {
                    s.ctx.interleaving().await(s.lock, s.changed, "merge: write waits for the run");
                }
            } finally {
                s.lock.unlock();
            }
            if (w.failed()) {
                throw new IOException("merge failed");
            }
            Mapping again = map(s, bio);
            again.start();
            again.finish();
        };
    }

    private static Mapping trackedWrite(SnapshotTarget s, long cowSector, Bio bio, long chunk) {
        return () -> {
            try {
                s.cow.write(cowSector, bio.buf, bio.off, bio.count, bio.fua);
            } finally {
                s.lock.lock();
                try {
                    if (s.tracked.untrack(chunk)) {
                        s.ctx.interleaving().signalAll(s.changed);
                    }
                } finally {
                    s.lock.unlock();
                }
            }
        };
    }
}
