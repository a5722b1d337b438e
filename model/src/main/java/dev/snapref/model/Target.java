package dev.snapref.model;

/** The one target of a model table: {@code snapshot-origin} or {@code snapshot}. */
public sealed interface Target permits OriginTarget, SnapshotTarget {
    /** The target type name as in a table line. */
    String typeName();

    /** The disk this target reads as its origin. */
    String originDisk();
}
