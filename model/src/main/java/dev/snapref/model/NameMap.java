package dev.snapref.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small mutable map from names to values, kept sorted by name in two arrays: what a
 * {@link World} needs for its handful of disks, devices and origin records. Lookups are linear
 * (a world holds a few entries; this is faster than hashing at that size and keeps the order
 * {@link ModelState} wants without sorting).
 *
 * <p>Guarantees: iteration and {@link #values()} are in name order; {@link #changed()} is true
 * once a put or remove replaced, added or removed a value (a put of the same instance is no
 * change).
 */
final class NameMap<V> {
    private String[] keys;
    private Object[] vals;
    private int size;
    private boolean changed;

    NameMap(int capacity) {
        keys = new String[Math.max(4, capacity)];
        vals = new Object[keys.length];
    }

    /** A map holding {@code values} (sorted by name, names unique) under {@code names}. */
    static <V> NameMap<V> of(List<? extends V> values, java.util.function.Function<V, String> name) {
        NameMap<V> m = new NameMap<>(values.size() + 2);
        for (V v : values) {
            String k = name.apply(v);
            assert m.size == 0 || m.keys[m.size - 1].compareTo(k) < 0 : "sorted, unique names";
            m.keys[m.size] = k;
            m.vals[m.size++] = v;
        }
        return m;
    }

    int size() {
        return size;
    }

    boolean changed() {
        return changed;
    }

    @SuppressWarnings("unchecked")
    V get(String key) {
        int i = indexOf(key);
        return i < 0 ? null : (V) vals[i];
    }

    boolean containsKey(String key) {
        return indexOf(key) >= 0;
    }

    /** Sets {@code key} to {@code value} (non-null), keeping name order. */
    void put(String key, V value) {
        assert value != null : "no null values";
        int i = indexOf(key);
        if (i >= 0) {
            changed |= vals[i] != value;
            vals[i] = value;
            return;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            vals = Arrays.copyOf(vals, size * 2);
        }
        int at = size;
        while (at > 0 && keys[at - 1].compareTo(key) > 0) {
            keys[at] = keys[at - 1];
            vals[at] = vals[at - 1];
            at--;
        }
        keys[at] = key;
        vals[at] = value;
        size++;
        changed = true;
    }

    /** Removes {@code key}; returns its value or null. */
    @SuppressWarnings("unchecked")
    V remove(String key) {
        int i = indexOf(key);
        if (i < 0) {
            return null;
        }
        V old = (V) vals[i];
        System.arraycopy(keys, i + 1, keys, i, size - i - 1);
        System.arraycopy(vals, i + 1, vals, i, size - i - 1);
        size--;
        keys[size] = null;
        vals[size] = null;
        changed = true;
        return old;
    }

    /** The name of entry {@code i} (name order). */
    String key(int i) {
        return keys[i];
    }

    /** The value of entry {@code i} (name order). */
    @SuppressWarnings("unchecked")
    V value(int i) {
        return (V) vals[i];
    }

    /** The values in name order (a copy). */
    @SuppressWarnings("unchecked")
    List<V> values() {
        List<V> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add((V) vals[i]);
        }
        return out;
    }

    private int indexOf(String key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
