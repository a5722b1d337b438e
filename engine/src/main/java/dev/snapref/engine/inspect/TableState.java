package dev.snapref.engine.inspect;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A read-only snapshot of one table's target state, for tools and the conformance
 * refinement check: the target type, and for {@code snapshot} its flags, the chunk size and type
 * of the store it holds now and its completed exceptions; for {@code snapshot-origin} the write
 * split boundary in force. Taken under the target's lock, so it is consistent for that target.
 *
 * @param target        {@code snapshot} or {@code snapshot-origin}
 * @param valid         snapshot: valid flag
 * @param active        snapshot: resumed at least once
 * @param chunkSize     snapshot: store chunk size in sectors (0 for a pending handover destination)
 * @param storeType     snapshot: {@code P}, {@code PO} or {@code N}
 * @param cow           snapshot: cow path as given in the table
 * @param exceptions    snapshot: completed exceptions, origin chunk to cow chunk
 * @param splitBoundary origin: split boundary in sectors (0 before its first resume)
 */
public record TableState(String target, boolean valid, boolean active, long chunkSize, String storeType, String cow,
                         SortedMap<Long, Long> exceptions, long splitBoundary) {
    public TableState {
        exceptions = exceptions.isEmpty() ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(exceptions));
    }
}
