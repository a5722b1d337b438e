package dev.snapref.engine.store;

/**
 * What an exception store reports for the snapshot status line
 * {@code <allocated>/<total> <metadata>}, all in sectors.
 */
public record StoreUsage(long sectorsAllocated, long totalSectors, long metadataSectors) {
}
