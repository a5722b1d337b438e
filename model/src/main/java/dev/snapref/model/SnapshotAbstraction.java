package dev.snapref.model;

import java.util.Map;

/**
 * The abstraction of a snapshot target.
 *
 * @param length        table length in sectors
 * @param valid         not invalidated
 * @param active        resumed at least once
 * @param overflowed    a PO store overflowed
 * @param chunkSize     the store's chunk size (0 for a pending handover destination)
 * @param storeType     the store it holds now (after handover: the other table's)
 * @param overflowAware the store's PO flag
 * @param cowDisk       the cow disk's name
 * @param exceptions    completed exceptions, origin chunk to cow chunk, sorted
 */
public record SnapshotAbstraction(long length, boolean valid, boolean active, boolean overflowed, long chunkSize,
                                  StoreType storeType, boolean overflowAware, String cowDisk,
                                  Map<Long, Long> exceptions)
        implements TableAbstraction {
    public SnapshotAbstraction {
        exceptions = Map.copyOf(exceptions);
    }
}
