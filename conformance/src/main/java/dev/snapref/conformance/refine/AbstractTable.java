package dev.snapref.conformance.refine;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A table as the refinement check sees it: the target type and, for {@code snapshot}, the
 * flags and the completed exception map; for {@code snapshot-origin}, the write split boundary
 * computed at its last resume.
 *
 * @param target        {@code snapshot} or {@code snapshot-origin}
 * @param valid         snapshot: the valid flag (false once invalidated or handed over)
 * @param active        snapshot: resumed at least once
 * @param chunkSize     snapshot: the chunk size of the store it holds now, in sectors (0 for a pending destination)
 * @param storeType     snapshot: {@code P}, {@code PO} or {@code N} of the store it holds now
 * @param cow           snapshot: the cow device path
 * @param exceptions    snapshot: completed exceptions, origin chunk to cow chunk (copied; unmodifiable)
 * @param splitBoundary origin: sectors at which writes are split (0 before the first resume)
 */
public record AbstractTable(String target, boolean valid, boolean active, long chunkSize, String storeType,
                            String cow, SortedMap<Long, Long> exceptions, long splitBoundary) {
    public AbstractTable {
        exceptions = exceptions.isEmpty() ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(exceptions));
    }

    public static AbstractTable origin(long splitBoundary) {
        return new AbstractTable("snapshot-origin", true, true, 0, "", "", Collections.emptySortedMap(), splitBoundary);
    }

    public boolean isSnapshot() {
        return target.equals("snapshot");
    }
}
