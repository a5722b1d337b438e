package dev.snapref.conformance.refine;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The abstraction function's image: what the model and the engine must agree on after every
 * step (devices, tables, suspended/valid/active flags, chunk sizes, exception tables). Data
 * labels on disks are compared separately, at the end of a script, since classifying every
 * sector after every step would dominate the cost.
 */
public record AbstractWorld(SortedMap<String, AbstractDevice> devices) {
    public AbstractWorld {
        TreeMap<String, AbstractDevice> copy = new TreeMap<>();
        copy.putAll(devices);
        devices = Collections.unmodifiableSortedMap(copy);
    }

    /** A world of these devices (copied; the world is unmodifiable, so sessions may hand the same one out again). */
    public static AbstractWorld of(Map<String, AbstractDevice> devices) {
        return new AbstractWorld(devices instanceof SortedMap<String, AbstractDevice> sorted ? sorted
                : new TreeMap<>(devices));
    }

    /** A readable list of differences with {@code other}, one per line; empty when equal. */
    public String differences(AbstractWorld other) {
        if (devices.equals(other.devices)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        TreeMap<String, Boolean> names = new TreeMap<>();
        devices.keySet().forEach(n -> names.put(n, true));
        other.devices.keySet().forEach(n -> names.put(n, true));
        for (String n : names.keySet()) {
            AbstractDevice a = devices.get(n);
            AbstractDevice b = other.devices.get(n);
            if (a == null || b == null || !a.equals(b)) {
                sb.append(n).append(": ").append(a).append(" vs ").append(b).append('\n');
            }
        }
        return sb.toString();
    }
}
