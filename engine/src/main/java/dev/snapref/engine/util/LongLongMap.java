package dev.snapref.engine.util;

import java.util.Arrays;

/**
 * An open-addressing hash map from {@code long} to {@code long} (linear probing, backward-shift
 * deletion, no boxing). Any long is a valid key. Not thread-safe: the owner's lock guards it.
 *
 * <p>Memory: two {@code long[]} of the same capacity and nothing else per entry (a free slot
 * holds the key {@link Long#MIN_VALUE}; that key itself is kept beside the arrays). The
 * capacity is not a power of two. From 2^17 slots on the table grows when it is 85% full, to a
 * load of 68% (by a quarter), so a map of n >= 2^17 entries takes between 18.8n and 23.6n bytes
 * (16 / 0.85 and 16 / 0.68), where doubling a half-full table would take up to 32n or more. Below
 * 2^17 slots (2 MiB of arrays) it grows when half full, by doubling: a table that fills
 * from empty rehashes a few times, not dozens, and a lookup of an absent key, which runs to the
 * next free slot, stays short (about 2.5 slots at half load, against about 23 at 85%; the
 * snapshot's exception table asks for absent chunks on every copy-on-write). Lookups stay short
 * at 85% too for present keys: linear probing with a strong multiplicative hash visits about 4
 * slots for a hit.
 *
 * <p>Locality: while the table is small, keys that differ only in their lowest three bits (eight
 * neighbouring chunk numbers) have neighbouring home slots, a run of eight inside one 64-byte
 * line of each array (the runs themselves are spread by the hash). The exception tables are asked
 * for chunk after chunk by sequential I/O, which then finds a line in cache seven times in eight
 * instead of missing on every chunk. At the small tables' load of one half, runs of occupied
 * slots stay short; large tables, at 85%, spread every key on its own, as clusters of runs would
 * lengthen the probes there.
 */
public final class LongLongMap {
    private static final long FREE = Long.MIN_VALUE;
    private static final double MAX_LOAD = 0.85;
    /** The load a large table grows to (by a quarter from {@link #MAX_LOAD}). */
    private static final double LOAD_AFTER_GROWTH = 0.68;
    /**
     * Below this many entries the table is at most half full and doubles when it grows; from it
     * on, it is at most {@link #MAX_LOAD} full and grows to {@link #LOAD_AFTER_GROWTH}.
     */
    private static final int SMALL = 1 << 16;
    /** Neighbouring keys sharing a run of home slots in a small table: eight longs, one cache line. */
    private static final int RUN = 8;

    private long[] keys;
    private long[] values;
    private int size;
    private int limit;
    /** The table is small: home slots come in runs of {@link #RUN} (see the class comment). */
    private boolean runs;
    private boolean hasFreeKey;
    private long freeKeyValue;

    public LongLongMap() {
        this(8);
    }

    /** A map sized for {@code expected} entries without growing. */
    public LongLongMap(int expected) {
        long cap = expected < SMALL ? 2L * expected + 2 : (long) (expected / MAX_LOAD) + 1;
        alloc(Math.max(8, (int) Math.min(Integer.MAX_VALUE - 8, cap)));
    }

    private void alloc(int cap) {
        runs = cap < 2 * SMALL;
        if (runs) {
            cap = (cap + RUN - 1) & -RUN;
        }
        keys = new long[cap];
        Arrays.fill(keys, FREE);
        values = new long[cap];
        limit = cap < 2 * SMALL ? cap / 2 : (int) (cap * MAX_LOAD);
    }

    /**
     * The home slot: a multiplicative hash scaled onto the capacity; in a small table the hash of
     * the key's run ({@code key >> 3}) scaled onto the runs, plus the key's place in its run.
     */
    private int slot(long key) {
        if (runs) {
            return (int) (scaledHash(key >> 3, keys.length / RUN) * RUN) + (int) (key & (RUN - 1));
        }
        return (int) scaledHash(key, keys.length);
    }

    /** The low 32 bits of a multiplicative hash of {@code x}, scaled onto [0, {@code n}). */
    private static long scaledHash(long x, int n) {
        long h = x * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        return ((h & 0xFFFF_FFFFL) * n) >>> 32;
    }

    private int next(int i) {
        return i + 1 == keys.length ? 0 : i + 1;
    }

    public int size() {
        return size;
    }

    public boolean containsKey(long key) {
        return key == FREE ? hasFreeKey : find(key) >= 0;
    }

    /** The value for {@code key}, or {@code missing} when absent. */
    public long get(long key, long missing) {
        if (key == FREE) {
            return hasFreeKey ? freeKeyValue : missing;
        }
        int i = find(key);
        return i >= 0 ? values[i] : missing;
    }

    private int find(long key) {
        for (int i = slot(key); ; i = next(i)) {
            long k = keys[i];
            if (k == key) {
                return i;
            }
            if (k == FREE) {
                return -1;
            }
        }
    }

    /** Sets key to value (replacing an existing value). */
    public void put(long key, long value) {
        if (key == FREE) {
            if (!hasFreeKey) {
                hasFreeKey = true;
                size++;
            }
            freeKeyValue = value;
            return;
        }
        int i = slot(key);
        for (long k = keys[i]; k != FREE; k = keys[i]) {
            if (k == key) {
                values[i] = value;
                return;
            }
            i = next(i);
        }
        keys[i] = key;
        values[i] = value;
        size++;
        if (size > limit) {
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
        if (key == FREE) {
            boolean had = hasFreeKey;
            if (had) {
                hasFreeKey = false;
                size--;
            }
            return had;
        }
        int i = find(key);
        if (i < 0) {
            return false;
        }
        keys[i] = FREE;
        size--;
        // backward-shift the following cluster: an entry moves into the hole when the hole lies
        // on its probe path (between its home slot and where it sits, cyclically)
        int cap = keys.length;
        for (int j = next(i); keys[j] != FREE; j = next(j)) {
            int home = slot(keys[j]);
            int fromHome = j - home < 0 ? j - home + cap : j - home;
            int fromHole = j - i < 0 ? j - i + cap : j - i;
            if (fromHome >= fromHole) {
                keys[i] = keys[j];
                values[i] = values[j];
                keys[j] = FREE;
                i = j;
            }
        }
        return true;
    }

    private void grow() {
        long[] k = keys;
        long[] v = values;
        int cap = k.length;
        // doubling while small (few rehashes for a table that fills from empty), to a load of 68%
        // once large (a quarter more at 85%; the memory bound of the class comment holds from there on)
        long grown = size < SMALL ? 2L * cap : (long) (size / LOAD_AFTER_GROWTH) + 1;
        alloc((int) Math.min(Integer.MAX_VALUE - 8, grown));
        for (int i = 0; i < cap; i++) {
            if (k[i] != FREE) {
                int j = slot(k[i]);
                while (keys[j] != FREE) {
                    j = next(j);
                }
                keys[j] = k[i];
                values[j] = v[i];
            }
        }
    }

    /** Calls {@code visitor} for every entry (order unspecified). */
    public void forEach(Visitor visitor) {
        if (hasFreeKey) {
            visitor.visit(FREE, freeKeyValue);
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != FREE) {
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
