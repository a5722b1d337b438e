package dev.snapref.model;

/**
 * A run of {@code length} non-zero sectors from {@code start} holding {@code value}
 * ({@link SectorValue}). Sectors not covered by any extent of a {@link Disk} are zero.
 */
public record Extent(long start, long length, SectorValue value) {
    public Extent {
        assert start >= 0 && length > 0 : "an extent covers at least one sector";
    }

    public long end() {
        return start + length;
    }

    /** The part of this extent inside {@code [from, to)}, or null when they do not meet. */
    public Extent clip(long from, long to) {
        long s = Math.max(start, from);
        long e = Math.min(end(), to);
        if (s >= e) {
            return null;
        }
        SectorValue v = value instanceof SectorValue.Pattern p
                ? new SectorValue.Pattern(p.label(), p.first() + (s - start)) : value;
        return new Extent(s, e - s, v);
    }

    /** The same data moved to start at {@code newStart} (a copy keeps the bytes, not the sector numbers). */
    public Extent moveTo(long newStart) {
        return new Extent(newStart, length, value);
    }

    /** Whether {@code next} directly continues this extent with the same run of data. */
    boolean joins(Extent next) {
        if (next.start != end()) {
            return false;
        }
        if (value instanceof SectorValue.Pattern p && next.value instanceof SectorValue.Pattern q) {
            return p.label().equals(q.label()) && q.first() == p.first() + length;
        }
        return !(value instanceof SectorValue.Pattern) && value.equals(next.value);
    }
}
