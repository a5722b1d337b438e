package dev.snapref.engine.snapshot;

import dev.snapref.engine.kernel.DmException;
import dev.snapref.engine.kernel.Errno;
import dev.snapref.engine.store.ExceptionSink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's table of completed exceptions while a persistent store is read
 * (dm_add_exception → dm_insert_exception with the consecutive-chunk hash shift of 8), kept as it
 * keeps it, then published into {@link CompleteExceptions} as what its lookups answer.
 *
 * <p>An on-disk new chunk is taken as the kernel takes it: its top 8 bits count chunks that follow
 * consecutively, its low 56 bits are the cow chunk. Each hash slot holds the exceptions of chunk
 * groups {@code old >> 8} (never two groups a lookup could confuse), in a list sorted by old chunk;
 * an exception continuing a listed run at its end or start grows that run instead. A lookup of a
 * chunk scans its group's list for the first run covering it. Well-formed metadata (cow chunks below
 * 2^56, one exception per chunk) publishes exactly its exceptions. Not thread-safe: used by the
 * constructor only.
 */
final class LoadedRuns implements ExceptionSink {
    /** One listed exception: a run of {@code 1 + (stored >>> 56)} chunks from {@code old}. */
    private static final class Run {
        long old;
        long stored;

        Run(long old, long stored) {
            this.old = old;
            this.stored = stored;
        }

        long length() {
            return (stored >>> 56) + 1;
        }

        long firstCowChunk() {
            return stored & 0x00FF_FFFF_FFFF_FFFFL;
        }
    }

    private final Map<Long, List<Run>> slots = new HashMap<>();
    /** Set when a run would grow past 255 chunks: the kernel hits BUG_ON there. */
    private boolean overgrown;

    @Override
    public void add(long oldChunk, long newChunk) {
        List<Run> list = slots.computeIfAbsent(oldChunk >>> 8, k -> new ArrayList<>());
        int at = list.size();
        for (int i = 0; i < list.size(); i++) {
            Run r = list.get(i);
            if (oldChunk == r.old + r.length() && newChunk == r.firstCowChunk() + r.length()) {
                grow(r);
                return;
            }
            if (oldChunk == r.old - 1 && newChunk == r.firstCowChunk() - 1) {
                grow(r);
                r.old--;
                r.stored--;
                return;
            }
            if (Long.compareUnsigned(oldChunk, r.old) < 0) {
                at = i;
                break;
            }
        }
        list.add(at, new Run(oldChunk, newChunk));
    }

    private void grow(Run r) {
        r.stored += 1L << 56;
        overgrown |= (r.stored >>> 56) == 0;
    }

    /**
     * Puts every chunk the table's lookups map into {@code into}; fails (as the kernel's BUG_ON
     * would stop the load) when a run grew past 255 chunks.
     */
    void publish(CompleteExceptions into) throws DmException {
        if (overgrown) {
            throw new DmException(Errno.EIO, "consecutive run past 255 chunks (kernel BUG_ON)");
        }
        for (Map.Entry<Long, List<Run>> slot : slots.entrySet()) {
            long group = slot.getKey();
            for (Run r : slot.getValue()) {
                long last = r.old + r.length() - 1;
                if (Long.compareUnsigned(last, r.old) < 0) {
                    continue; // the run's end wraps past 2^64: no chunk satisfies old <= c <= end
                }
                for (long c = r.old; Long.compareUnsigned(c, last) <= 0 && c >>> 8 == group; c++) {
                    if (!into.contains(c)) {
                        into.insert(c, r.firstCowChunk() + (c - r.old));
                    }
                    if (c == last) {
                        break;
                    }
                }
            }
        }
    }
}
