package dev.snapref.model;

/**
 * Sectors {@code [start, end)} of one disk: where part of a volume's data lives once the stack
 * of mapped devices above it is resolved ({@link Volumes#footprint}).
 *
 * @param disk  the disk's name
 * @param start first sector
 * @param end   one past the last sector ({@code end > start})
 */
record DiskRange(String disk, long start, long end) {
    DiskRange {
        assert start >= 0 && end > start : start + ".." + end;
    }

    /** Whether the two ranges share a sector. */
    boolean overlaps(DiskRange o) {
        return disk.equals(o.disk) && start < o.end && o.start < end;
    }
}
