package dev.snapref.engine.inspect;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A {@code snapshot} target and the store it holds now (after a handover: the other table's).
 *
 * @param length        table length in sectors
 * @param valid         not invalidated (false once invalidated or handed over)
 * @param active        resumed at least once
 * @param overflowed    a PO store ran out of space
 * @param chunkSize     the store's chunk size in sectors (0 for a pending handover destination)
 * @param storeKind     persistent or transient
 * @param overflowAware the store's PO flag
 * @param cowPath       the cow device path as the table names it
 * @param exceptions    completed exceptions, origin chunk to cow chunk (copied; unmodifiable)
 */
public record SnapshotView(long length, boolean valid, boolean active, boolean overflowed, long chunkSize,
                           StoreKind storeKind, boolean overflowAware, String cowPath,
                           SortedMap<Long, Long> exceptions) implements TargetView {
    public SnapshotView {
        exceptions = exceptions.isEmpty() ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(exceptions));
    }
}
