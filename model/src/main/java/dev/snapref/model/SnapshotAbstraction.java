package dev.snapref.model;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The abstraction of a {@code snapshot} target and the store it holds now.
 *
 * @param length        table length in sectors (positive)
 * @param valid         not invalidated (false once invalidated or handed over)
 * @param active        resumed at least once
 * @param overflowed    a PO store overflowed
 * @param chunkSize     the store's chunk size in sectors (0 for a pending handover destination)
 * @param storeType     the type of the store it holds now (after handover: the other table's)
 * @param overflowAware the store's PO flag
 * @param cowDisk       the cow disk's name (as in {@code /dev/disk/NAME})
 * @param exceptions    completed exceptions, origin chunk to cow chunk (copied; sorted, unmodifiable)
 */
public record SnapshotAbstraction(long length, boolean valid, boolean active, boolean overflowed, long chunkSize,
                                  StoreType storeType, boolean overflowAware, String cowDisk,
                                  SortedMap<Long, Long> exceptions)
        implements TableAbstraction {
    public SnapshotAbstraction {
        assert length > 0 && chunkSize >= 0 : length + " " + chunkSize;
        java.util.Objects.requireNonNull(storeType, "storeType");
        java.util.Objects.requireNonNull(cowDisk, "cowDisk");
        exceptions = exceptions.isEmpty() ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(exceptions));
    }

    @Override
    public String targetName() {
        return "snapshot";
    }

    /**
     * The store type as a table names it, for display: {@code P}, {@code PO} or {@code N} (a
     * transient store with the PO flag, which no table can construct, shows as {@code N+PO}).
     */
    public String storeWord() {
        if (storeType == StoreType.TRANSIENT) {
            return overflowAware ? "N+PO" : "N";
        }
        return overflowAware ? "PO" : "P";
    }
}
