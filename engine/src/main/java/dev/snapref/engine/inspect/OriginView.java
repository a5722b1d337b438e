package dev.snapref.engine.inspect;

/**
 * A {@code snapshot-origin} target.
 *
 * @param length        table length in sectors
 * @param splitBoundary sectors at which writes are split, as computed at the target's last
 *                      resume; 0 before its first resume
 */
public record OriginView(long length, long splitBoundary) implements TargetView {
}
