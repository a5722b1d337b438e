package dev.snapref.model;

import java.util.Optional;

/**
 * The abstraction of one table's target: {@link SnapshotAbstraction} or {@link OriginAbstraction}.
 * The type is the target type: code tells the two apart by pattern matching, never by name.
 */
public sealed interface TableAbstraction permits SnapshotAbstraction, OriginAbstraction {
    /** The table length in sectors. */
    long length();

    /** The dm target type name, for display ({@code snapshot} or {@code snapshot-origin}). */
    String targetName();

    /** The abstraction of a model table; empty for no table. */
    static Optional<TableAbstraction> of(Table t) {
        if (t == null) {
            return Optional.empty();
        }
        if (t.target() instanceof SnapshotTarget s) {
            return Optional.of(new SnapshotAbstraction(t.length(), s.valid(), s.active(), s.overflowed(),
                    s.store().chunkSize(), s.store().type(), s.store().overflowAware(), s.cowDisk(),
                    s.store().exceptions().asMap()));
        }
        OriginTarget o = (OriginTarget) t.target();
        return Optional.of(new OriginAbstraction(t.length(), o.splitBoundary()));
    }
}
