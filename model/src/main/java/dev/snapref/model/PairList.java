package dev.snapref.model;

import java.util.Arrays;

/**
 * An immutable list of {@code (old_chunk, new_chunk)} pairs in order, as the persistent store
 * keeps them in a metadata area. Value equality; cheap hashing (cached).
 */
public final class PairList {
    /** The empty list. */
    public static final PairList EMPTY = new PairList(new long[0]);

    private final long[] data;
    private final int hash;
    /** {@link #fingerprint()}, 0 until first asked. */
    private volatile long fingerprint;

    private PairList(long[] data) {
        this.data = data;
        this.hash = Arrays.hashCode(data);
    }

    /** Number of pairs. */
    public int size() {
        return data.length / 2;
    }

    public long oldChunk(int i) {
        return data[2 * i];
    }

    public long newChunk(int i) {
        return data[2 * i + 1];
    }

    /** This list with one more pair at the end. */
    public PairList append(long oldChunk, long newChunk) {
        long[] d = Arrays.copyOf(data, data.length + 2);
        d[data.length] = oldChunk;
        d[data.length + 1] = newChunk;
        return new PairList(d);
    }

    /** Pairs {@code from} (inclusive) to {@code to} (exclusive). */
    public PairList slice(int from, int to) {
        assert 0 <= from && from <= to && to <= size() : "slice in range";
        return new PairList(Arrays.copyOfRange(data, 2 * from, 2 * to));
    }

    /** The 64-bit fingerprint of this value ({@link StateFingerprint}), computed once (idempotent, so a race only repeats it). */
    public long fingerprint() {
        long f = fingerprint;
        if (f == 0) {
            f = StateFingerprint.pairs(this);
            fingerprint = f;
        }
        return f;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PairList p && p.hash == hash && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < size(); i++) {
            sb.append(i == 0 ? "" : ",").append(oldChunk(i)).append("->").append(newChunk(i));
        }
        return sb.append(']').toString();
    }
}
