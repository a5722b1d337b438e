package dev.snapref.model;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The abstraction function's image: the one typed description of the state that the model and
 * every implementation must agree on after every step (devices; their suspended flag; each
 * table's target, length and flags; each snapshot's store type, chunk size, cow and completed
 * exceptions; each origin's split boundary). The model computes it with
 * {@link ModelState#abstraction()}; conformance maps an implementation's own view onto it.
 * Disk data is not part of it: it is compared separately, at the end of a script, since
 * classifying every sector after every step would dominate the cost.
 *
 * <p>Immutable: the map is copied, sorted by device name and unmodifiable, and every key is its
 * device's name. Two worlds are equal exactly when {@link #differences} is empty.
 *
 * @param devices the mapped devices by name
 */
public record WorldAbstraction(SortedMap<String, DeviceAbstraction> devices) {
    /** No devices. */
    public static final WorldAbstraction EMPTY = new WorldAbstraction(Collections.emptySortedMap());

    public WorldAbstraction {
        devices = devices.isEmpty() ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(devices));
        assert devices.entrySet().stream().allMatch(e -> e.getKey().equals(e.getValue().name())) : devices;
    }

    /** A world of these devices (names must be distinct). */
    public static WorldAbstraction of(Collection<DeviceAbstraction> devices) {
        TreeMap<String, DeviceAbstraction> byName = new TreeMap<>();
        for (DeviceAbstraction d : devices) {
            DeviceAbstraction before = byName.put(d.name(), d);
            if (before != null) {
                throw new IllegalArgumentException("two devices named " + d.name());
            }
        }
        return new WorldAbstraction(byName);
    }

    /** The device called {@code name}, if any. */
    public Optional<DeviceAbstraction> device(String name) {
        return Optional.ofNullable(devices.get(name));
    }

    /**
     * Every difference with {@code other}, in device-name order, each device's own fields first,
     * then its live table's, then its inactive table's, in {@link AbstractionDifference.Field}
     * order. A table of another target type is one {@code TARGET} difference (its fields are not
     * compared); a missing device or table is one {@code DEVICE} or {@code TABLE} difference.
     * Empty exactly when the worlds are equal. {@code value} of each difference is this world's.
     */
    public List<AbstractionDifference> differences(WorldAbstraction other) {
        if (equals(other)) {
            return List.of();
        }
        List<AbstractionDifference> out = AbstractionComparison.compare(devices, other.devices);
        assert !out.isEmpty() : "unequal worlds with no difference: " + this + " vs " + other;
        return out;
    }
}
