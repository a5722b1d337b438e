package dev.snapref.model;

/** The abstraction of one table's target: {@link SnapshotAbstraction} or {@link OriginAbstraction}. */
public sealed interface TableAbstraction permits SnapshotAbstraction, OriginAbstraction {
    /** The abstraction of a table, or null for no table. */
    static TableAbstraction of(Table t) {
        if (t == null) {
            return null;
        }
        if (t.target() instanceof SnapshotTarget s) {
            return new SnapshotAbstraction(t.length(), s.valid(), s.active(), s.overflowed(),
                    s.store().chunkSize(), s.store().type(), s.store().overflowAware(), s.cowDisk(),
                    s.store().exceptions().asMap());
        }
        OriginTarget o = (OriginTarget) t.target();
        return new OriginAbstraction(t.length(), o.splitBoundary());
    }
}
