package dev.snapref.engine.dm;

/**
 * A device-mapper table of one target line, bound to its mapped device. Destroyed exactly once.
 */
public final class Table {
    private final MappedDevice md;
    private Target target;
    private boolean destroyed;

    Table(MappedDevice md) {
        this.md = md;
    }

    public MappedDevice md() {
        return md;
    }

    public Target target() {
        return target;
    }

    void setTarget(Target target) {
        assert this.target == null : "one target per table";
        this.target = target;
    }

    /** Table size in sectors. */
    public long size() {
        return target == null ? 0 : target.begin() + target.length();
    }

    /** Runs the destructor of the target (dm_table_destroy). */
    void destroy() {
        assert !destroyed : "table destroyed twice";
        destroyed = true;
        if (target != null) {
            target.destroy();
        }
    }
}
