package dev.snapref.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The observable abstraction of one mapped device: what the conformance refinement check
 * compares between the model and any implementation (see {@link WorldAbstraction}).
 *
 * @param name      device name
 * @param suspended dm's suspended flag
 * @param live      the live table's abstraction; empty when there is no live table
 * @param inactive  the inactive table's abstraction; empty when there is no inactive table
 */
public record DeviceAbstraction(String name, boolean suspended, Optional<TableAbstraction> live,
                                Optional<TableAbstraction> inactive) {
    public DeviceAbstraction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(inactive, "inactive");
    }

    /** The abstraction of a model device. */
    public static DeviceAbstraction of(Device d) {
        return new DeviceAbstraction(d.name(), d.suspended(), TableAbstraction.of(d.live()),
                TableAbstraction.of(d.inactive()));
    }

    /** The table in {@code slot} ({@link Slot#LIVE} or {@link Slot#INACTIVE}). */
    public Optional<TableAbstraction> table(Slot slot) {
        return switch (slot) {
            case LIVE -> live;
            case INACTIVE -> inactive;
            default -> throw new IllegalArgumentException("a device abstraction has no " + slot + " table");
        };
    }

    /** The live table when it is a {@code snapshot}. */
    public Optional<SnapshotAbstraction> liveSnapshot() {
        return live.filter(SnapshotAbstraction.class::isInstance).map(SnapshotAbstraction.class::cast);
    }

    /** The live table when it is a {@code snapshot-origin}. */
    public Optional<OriginAbstraction> liveOrigin() {
        return live.filter(OriginAbstraction.class::isInstance).map(OriginAbstraction.class::cast);
    }
}
