package dev.snapref.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * A small mutable map from names to values, kept sorted by name in two arrays: what a
 * {@link World} needs for its handful of disks, devices and origin records. Lookups are linear
 * (a world holds a few entries; this is faster than hashing at that size and keeps the order
 * {@link ModelState} wants without sorting).
 *
 * <p>Made from a state's list it copies nothing until the first edit.
 *
 * <p>Guarantees: iteration and {@link #values()} are in name order; {@link #changed()} is true
 * once a put or remove replaced, added or removed a value (a put of the same instance is no
 * change).
 */
final class NameMap<V> {
    private static final String[] NO_KEYS = new String[0];
    private static final Object[] NO_VALUES = new Object[0];

    private String[] keys = NO_KEYS;
    private Object[] vals = NO_VALUES;
    private int size;
    private boolean changed;
    /** Until the first edit: the values are {@code base}'s, named by {@code name} (nothing copied). */
    private List<? extends V> base;
    private Function<V, String> name;

    /** An empty map. */
    NameMap() {
    }

    /** A map holding {@code values} (sorted by name, names unique), copied only at the first edit. */
    static <V> NameMap<V> of(List<? extends V> values, Function<V, String> name) {
        NameMap<V> m = new NameMap<>();
        m.base = values;
        m.name = name;
        m.size = values.size();
        return m;
    }

    /** Copies the base list into the arrays (the first edit). */
    private void own() {
        if (base == null) {
            return;
        }
        keys = new String[size + 2];
        vals = new Object[size + 2];
        for (int i = 0; i < size; i++) {
            V v = base.get(i);
            keys[i] = name.apply(v);
            vals[i] = v;
            assert i == 0 || keys[i - 1].compareTo(keys[i]) < 0 : "sorted, unique names";
        }
        base = null;
    }

    int size() {
        return size;
    }

    boolean changed() {
        return changed;
    }

    V get(String key) {
        int i = indexOf(key);
        return i < 0 ? null : value(i);
    }

    boolean containsKey(String key) {
        return indexOf(key) >= 0;
    }

    /** Sets {@code key} to {@code value} (non-null), keeping name order. */
    void put(String key, V value) {
        assert value != null : "no null values";
        own();
        int i = indexOf(key);
        if (i >= 0) {
            changed |= vals[i] != value;
            vals[i] = value;
            return;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2 + 2);
            vals = Arrays.copyOf(vals, size * 2 + 2);
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
        own();
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
        return base != null ? name.apply(base.get(i)) : keys[i];
    }

    /** The value of entry {@code i} (name order). */
    @SuppressWarnings("unchecked")
    V value(int i) {
        return base != null ? base.get(i) : (V) vals[i];
    }

    /** The values in name order (a copy). */
    List<V> values() {
        List<V> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(value(i));
        }
        return out;
    }

    private int indexOf(String key) {
        for (int i = 0; i < size; i++) {
            if (key(i).equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
