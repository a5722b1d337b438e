package dev.snapref.model;

/**
 * The abstraction of a snapshot-origin target.
 *
 * @param length        table length in sectors
 * @param splitBoundary write split in sectors as computed at the last resume (0 if never resumed)
 */
public record OriginAbstraction(long length, long splitBoundary) implements TableAbstraction {
}
