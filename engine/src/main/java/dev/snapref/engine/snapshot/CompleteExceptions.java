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
     * What {@link #lookup} answers for a chunk without exception. Never a cow chunk: a table loaded
     * from disk maps to the low 56 bits of a stored chunk plus at most 255 ({@link LoadedRuns}), and
     * the store allocates chunks inside the cow; {@link #contains} asks directly all the same.
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

    /** A new exception: its chunk has none (loaded tables are resolved by {@link LoadedRuns} first). */
    void insert(long oldChunk, long newChunk) {
        assert !map.containsKey(oldChunk) : "chunk " + oldChunk + " already has an exception";
        map.put(oldChunk, newChunk);
    }

    /** A merged chunk leaves the table; false when it had no exception. */
    boolean remove(long chunk) {
        return map.remove(chunk);
    }

    /** A sorted copy, for the inspection view. */
    SortedMap<Long, Long> copy() {
        TreeMap<Long, Long> out = new TreeMap<>();
        map.forEach(out::put);
        return out;
    }
}
