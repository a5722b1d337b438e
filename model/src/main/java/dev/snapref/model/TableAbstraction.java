package dev.snapref.model;

import java.util.Optional;

/**
 * The abstraction of one table's target: {@link SnapshotAbstraction}, {@link OriginAbstraction},
 * {@link MergeAbstraction} or {@link LinearAbstraction}. The type is the target type: code tells
 * them apart by pattern matching, never by name.
 */
public sealed interface TableAbstraction permits SnapshotAbstraction, OriginAbstraction, MergeAbstraction,
        LinearAbstraction {
    /** The table length in sectors. */
    long length();

    /** The dm target type name, for display ({@code snapshot}, {@code snapshot-origin}, ...). */
    String targetName();

    /** The abstraction of a model table; empty for no table. */
    static Optional<TableAbstraction> of(Table t) {
        if (t == null) {
            return Optional.empty();
        }
        if (t.target() instanceof SnapshotTarget s) {
            SnapshotAbstraction a = new SnapshotAbstraction(t.length(), s.valid(), s.active(), s.overflowed(),
                    s.store().chunkSize(), s.store().type(), s.store().overflowAware(), s.cowDisk(),
                    s.store().exceptions().asMap());
            return Optional.of(s.merge() ? new MergeAbstraction(a, s.mergeFailed()) : a);
        }
        if (t.target() instanceof LinearTarget lt) {
            return Optional.of(new LinearAbstraction(t.length(), lt.device(), lt.offset()));
        }
        OriginTarget o = (OriginTarget) t.target();
        return Optional.of(new OriginAbstraction(t.length(), o.splitBoundary()));
    }
}
