package dev.snapref.engine.snapshot;

import dev.snapref.engine.util.LongLongMap;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The completed exceptions of a snapshot (the kernel's {@code complete} dm_exception_table):
 * origin chunk to cow chunk. Guarded by the owning snapshot's lock. Handover moves a whole table
 * to another snapshot by reference ({@link SnapshotTarget#complete}).
 */
final class CompleteExceptions {
    /**
     * What {@link #lookup} answers for a chunk without exception. A cow chunk can equal it only on a
     * corrupt cow (an on-disk new_chunk of 2^64-1); {@link #contains} tells the two apart.
     */
    static final long NONE = -1;

    private final LongLongMap map = new LongLongMap();

    /** The cow chunk of {@code chunk}'s exception, or {@link #NONE}. */
    long lookup(long chunk) {
        return map.get(chunk, NONE);
    }

    boolean contains(long chunk) {
        return map.containsKey(chunk);
    }

    /** dm_insert_exception: a new exception, or (read from a corrupt store) a later one for the same chunk. */
    void insert(long oldChunk, long newChunk) {
        map.put(oldChunk, newChunk);
    }

    int size() {
        return map.size();
    }

    /** A sorted copy, for the inspection view. */
    SortedMap<Long, Long> copy() {
        TreeMap<Long, Long> out = new TreeMap<>();
        map.forEach(out::put);
        return out;
    }
}
