package dev.snapref.model;

/**
 * A {@code snapshot-origin} target.
 *
 * @param originDisk    the origin device's volume key (a disk name or {@code /dev/mapper/NAME})
 * @param splitBoundary sectors at which writes are split, computed at the last resume as the
 *                      smallest non-zero chunk size of the origin's snapshots (2^31 when none);
 *                      0 before the first resume
 */
public record OriginTarget(String originDisk, long splitBoundary) implements Target {
    /** The boundary when the origin has no snapshot: rounddown_pow_of_two(UINT_MAX). */
    public static final long NO_SNAPSHOT_BOUNDARY = 1L << 31;

    @Override
    public String typeName() {
        return "snapshot-origin";
    }
}
