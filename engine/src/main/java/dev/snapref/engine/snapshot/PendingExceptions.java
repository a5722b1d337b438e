package dev.snapref.engine.snapshot;

import dev.snapref.engine.store.ExceptionStore;
import dev.snapref.engine.util.LongObjectMap;

/**
 * The exceptions a snapshot is making (the kernel's {@code pending} dm_exception_table and
 * {@code pending_exceptions_count}): at most one per origin chunk, each numbered in allocation
 * order ({@code exception_sequence}). Guarded by the owning snapshot's lock. Unlike the completed
 * table it never moves at handover: a handover waits until it is empty (b735fede8d95).
 */
final class PendingExceptions {
    private final LongObjectMap<PendingException> byChunk = new LongObjectMap<>();
    private int count;
    private long nextSequence;

    /** The exception being made for {@code chunk}, or null (no lookup when none is pending). */
    PendingException get(long chunk) {
        return count == 0 ? null : byChunk.get(chunk);
    }

    /** Adds a new pending exception {@code chunk -> newChunk} on {@code store}, numbered next. */
    PendingException add(SnapshotTarget snap, ExceptionStore store, long chunk, long newChunk) {
        assert byChunk.get(chunk) == null : "duplicate exception";
        PendingException pe = new PendingException(snap, store, chunk, newChunk, nextSequence++);
        byChunk.put(chunk, pe);
        count++;
        return pe;
    }

    /** Removes {@code pe} once it completed (successfully or not). */
    void remove(PendingException pe) {
        PendingException removed = byChunk.remove(pe.oldChunk);
        assert removed == pe : "pending table out of step";
        count--;
        assert count >= 0 : "pending count below zero";
    }

    /** How many exceptions are pending. */
    int count() {
        return count;
    }
}
