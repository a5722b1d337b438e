package dev.snapref.engine.snapshot;

import dev.snapref.engine.store.ExceptionStore;
import dev.snapref.engine.store.StoreUsage;

/**
 * The snapshot's status lines (snapshot_status, for {@code snapshot} and {@code snapshot-merge}):
 * STATUSTYPE_INFO is {@code Invalid}, {@code Merge failed}, {@code Overflow} or {@code <allocated>/<total> <metadata>} in sectors; STATUSTYPE_TABLE is
 * {@code <origin> <cow> <P|PO|N> <chunk> [<#features> <feature>...]} with the devices as the table
 * named them and the store the snapshot holds now (after a handover: the source's chunk size and
 * type with this table's PO flag). Both are taken under the snapshot's lock.
 */
final class SnapshotStatus {
    private SnapshotStatus() {
    }

    static String info(SnapshotTarget s) {
        s.lock.lock();
        try {
            if (!s.valid) {
                return "Invalid";
            }
            if (s.mergeFailed) {
                return "Merge failed";
            }
            if (s.overflowed) {
                return "Overflow";
            }
            StoreUsage u = s.store.usage();
            // %llu: a corrupt store's next_free can make these exceed 2^63
            return Long.toUnsignedString(u.sectorsAllocated()) + "/" + Long.toUnsignedString(u.totalSectors()) + " "
                    + Long.toUnsignedString(u.metadataSectors());
        } finally {
            s.lock.unlock();
        }
    }

    static String table(SnapshotTarget s) {
        s.lock.lock();
        try {
            ExceptionStore st = s.store;
            long chunk = s.keptTableChunkSize ? s.tableChunkSize : st.chunkSize();
            return s.args.originPath() + " " + s.args.cowPath() + " " + st.typeWord() + " " + chunk
                    + s.args.featuresLine();
        } finally {
            s.lock.unlock();
        }
    }
}
