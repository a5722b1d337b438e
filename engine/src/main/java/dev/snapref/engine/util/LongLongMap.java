package dev.snapref.engine.util;

/**
 * An open-addressing hash map from {@code long} to {@code long} (linear probing, backward-shift
 * deletion, no boxing). Any long is a valid key. Not thread-safe: the owner's lock guards it.
 */
public final class LongLongMap {
    private long[] keys;
    private long[] values;
    private boolean[] used;
    private int size;
    private int mask;

    public LongLongMap() {
        this(16);
    }

    public LongLongMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        alloc(cap);
    }

    private void alloc(int cap) {
        keys = new long[cap];
        values = new long[cap];
        used = new boolean[cap];
        mask = cap - 1;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    public int size() {
        return size;
    }

    public boolean containsKey(long key) {
        return find(key) >= 0;
    }

    /** The value for {@code key}, or {@code missing} when absent. */
    public long get(long key, long missing) {
        int i = find(key);
        return i >= 0 ? values[i] : missing;
    }

    private int find(long key) {
        int i = slot(key);
        while (used[i]) {
            if (keys[i] == key) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /** Sets key to value (replacing an existing value). */
    public void put(long key, long value) {
        int i = slot(key);
        while (used[i]) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        used[i] = true;
        keys[i] = key;
        values[i] = value;
        size++;
        if (size * 4 > keys.length * 3) {
            grow();
        }
    }

    /** Adds delta to the value of key (absent counts as 0); removes the key when it reaches 0. */
    public long add(long key, long delta) {
        long v = get(key, 0) + delta;
        if (v == 0) {
            remove(key);
        } else {
            put(key, v);
        }
        return v;
    }

    /** Removes key; returns whether it was present. */
    public boolean remove(long key) {
        int i = find(key);
        if (i < 0) {
            return false;
        }
        used[i] = false;
        size--;
        // backward-shift the following cluster
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (!used[j]) {
                return true;
            }
            int home = slot(keys[j]);
            boolean movable = (j > i) ? (home <= i || home > j) : (home <= i && home > j);
            if (movable) {
                keys[i] = keys[j];
                values[i] = values[j];
                used[i] = true;
                used[j] = false;
                i = j;
            }
        }
    }

    private void grow() {
        long[] k = keys;
        long[] v = values;
        boolean[] u = used;
        alloc(k.length * 2);
        size = 0;
        for (int i = 0; i < k.length; i++) {
            if (u[i]) {
                put(k[i], v[i]);
            }
        }
    }

    /** Calls {@code visitor} for every entry (order unspecified). */
    public void forEach(Visitor visitor) {
        for (int i = 0; i < keys.length; i++) {
            if (used[i]) {
                visitor.visit(keys[i], values[i]);
            }
        }
    }

    /** Receives entries of {@link #forEach}. */
    @FunctionalInterface
    public interface Visitor {
        void visit(long key, long value);
    }
}
