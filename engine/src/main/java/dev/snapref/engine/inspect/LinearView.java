package dev.snapref.engine.inspect;

/**
 * A {@code linear} target.
 *
 * @param length     table length in sectors
 * @param devicePath the lower device path as the table names it
 * @param offset     the lower device's first sector it maps
 */
public record LinearView(long length, String devicePath, long offset) implements TargetView {
}
