package dev.snapref.model;

/**
 * The one target of a model table: {@code snapshot-origin}, {@code snapshot} (or
 * {@code snapshot-merge}, a {@link SnapshotTarget} with its merge flag) or {@code linear}. The
 * devices a target names are volume keys ({@link Volumes}).
 */
public sealed interface Target permits OriginTarget, SnapshotTarget, LinearTarget {
    /** The target type name as in a table line. */
    String typeName();
}
