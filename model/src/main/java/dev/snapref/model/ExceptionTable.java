package dev.snapref.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A snapshot's table of completed exceptions: origin chunk to cow chunk, sorted by origin
 * chunk, immutable, value equality with a cached hash. The first mapping of an origin chunk
 * wins (a later {@link #with} of a mapped chunk is a caller error).
 */
public final class ExceptionTable {
    public static final ExceptionTable EMPTY = new ExceptionTable(new long[0], new long[0]);

    private final long[] olds;
    private final long[] news;
    private final int hash;
    /** {@link #fingerprint()}, 0 until first asked. */
    private volatile long fingerprint;

    private ExceptionTable(long[] olds, long[] news) {
        this.olds = olds;
        this.news = news;
        this.hash = Arrays.hashCode(olds) * 31 + Arrays.hashCode(news);
    }

    /** The table holding {@code mapping} (origin chunk to cow chunk). */
    static ExceptionTable of(Map<Long, Long> mapping) {
        TreeMap<Long, Long> sorted = new TreeMap<>(mapping);
        long[] o = new long[sorted.size()];
        long[] n = new long[sorted.size()];
        int i = 0;
        for (Map.Entry<Long, Long> e : sorted.entrySet()) {
            o[i] = e.getKey();
            n[i++] = e.getValue();
        }
        return new ExceptionTable(o, n);
    }

    public int size() {
        return olds.length;
    }

    public long oldChunk(int i) {
        return olds[i];
    }

    public long newChunk(int i) {
        return news[i];
    }

    /**
     * The cow chunk of {@code oldChunk}, or -1 when it has none. -1 is never a cow chunk of a
     * table the model builds (the kernel remaps to the low 56 bits of a stored chunk number plus
     * at most 255), so this is exact; {@link #contains} asks the question directly.
     */
    public long lookup(long oldChunk) {
        int i = Arrays.binarySearch(olds, oldChunk);
        return i < 0 ? -1 : news[i];
    }

    /** Whether {@code oldChunk} has a completed exception. */
    public boolean contains(long oldChunk) {
        return Arrays.binarySearch(olds, oldChunk) >= 0;
    }

    /** This table with {@code oldChunk -> newChunk} added. */
    public ExceptionTable with(long oldChunk, long newChunk) {
        int i = Arrays.binarySearch(olds, oldChunk);
        assert i < 0 : "chunk " + oldChunk + " already has an exception";
        int at = -i - 1;
        long[] o = new long[olds.length + 1];
        long[] n = new long[news.length + 1];
        System.arraycopy(olds, 0, o, 0, at);
        System.arraycopy(news, 0, n, 0, at);
        o[at] = oldChunk;
        n[at] = newChunk;
        System.arraycopy(olds, at, o, at + 1, olds.length - at);
        System.arraycopy(news, at, n, at + 1, news.length - at);
        return new ExceptionTable(o, n);
    }

    /** This table without {@code oldChunk}'s exception (itself when it has none). */
    public ExceptionTable without(long oldChunk) {
        int i = Arrays.binarySearch(olds, oldChunk);
        if (i < 0) {
            return this;
        }
        long[] o = new long[olds.length - 1];
        long[] n = new long[news.length - 1];
        System.arraycopy(olds, 0, o, 0, i);
        System.arraycopy(news, 0, n, 0, i);
        System.arraycopy(olds, i + 1, o, i, olds.length - i - 1);
        System.arraycopy(news, i + 1, n, i, news.length - i - 1);
        return new ExceptionTable(o, n);
    }

    /** The table as a sorted map origin chunk to cow chunk (a fresh, unmodifiable copy). */
    public SortedMap<Long, Long> asMap() {
        TreeMap<Long, Long> m = new TreeMap<>();
        for (int i = 0; i < olds.length; i++) {
            m.put(olds[i], news[i]);
        }
        return Collections.unmodifiableSortedMap(m);
    }

    /** The 64-bit fingerprint of this value ({@link StateFingerprint}), computed once (idempotent, so a race only repeats it). */
    public long fingerprint() {
        long f = fingerprint;
        if (f == 0) {
            f = StateFingerprint.exceptions(this);
            fingerprint = f;
        }
        return f;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExceptionTable t && t.hash == hash && Arrays.equals(t.olds, olds)
                && Arrays.equals(t.news, news);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
