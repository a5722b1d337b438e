package dev.snapref.engine.util;

/**
 * An open-addressing hash map from {@code long} keys to objects (linear probing, backward-shift
 * deletion, keys unboxed). Not thread-safe: the owner's lock guards it.
 */
public final class LongObjectMap<V> {
    private long[] keys;
    private Object[] values;
    private int size;
    private int mask;

    public LongObjectMap() {
        alloc(16);
    }

    private void alloc(int cap) {
        keys = new long[cap];
        values = new Object[cap];
        mask = cap - 1;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    public int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    public V get(long key) {
        int i = slot(key);
        while (values[i] != null) {
            if (keys[i] == key) {
                return (V) values[i];
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** Sets key to a non-null value. */
    public void put(long key, V value) {
        if (value == null) {
            throw new IllegalArgumentException("null value");
        }
        int i = slot(key);
        while (values[i] != null) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
        if (size * 4 > keys.length * 3) {
            long[] k = keys;
            Object[] v = values;
            alloc(k.length * 2);
            size = 0;
            for (int j = 0; j < k.length; j++) {
                if (v[j] != null) {
                    put(k[j], cast(v[j]));
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private V cast(Object o) {
        return (V) o;
    }

    /** Removes key; returns the old value or null. */
    public V remove(long key) {
        int i = slot(key);
        while (values[i] != null && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            return null;
        }
        V old = cast(values[i]);
        values[i] = null;
        size--;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (values[j] == null) {
                return old;
            }
            int home = slot(keys[j]);
            boolean movable = (j > i) ? (home <= i || home > j) : (home <= i && home > j);
            if (movable) {
                keys[i] = keys[j];
                values[i] = values[j];
                values[j] = null;
                i = j;
            }
        }
    }
}
