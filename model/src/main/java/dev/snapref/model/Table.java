package dev.snapref.model;

/** A loaded table: one target from sector 0 over {@code length} sectors. */
public record Table(long length, Target target) {
    public Table {
        assert length > 0 : "dm rejects zero-length targets";
    }

    public Table withTarget(Target t) {
        return new Table(length, t);
    }
}
