package dev.snapref.model;

import dev.snapref.scenario.SectorContent;
import java.util.List;

/**
 * Reads of a {@code snapshot} or {@code snapshot-merge} device (snapshot_map and
 * snapshot_merge_map for reads): dm splits the read at the target's max_io_len (the chunk size;
 * for a merge target the boundary its resume computed); a piece goes to the cow chunk of its
 * exception, else to the origin. An invalid snapshot fails every piece with EIO without a request;
 * an invalid merge target sends every piece to the origin.
 */
final class SnapshotIo {
    private SnapshotIo() {
    }

    /**
     * Reads {@code [sector, sector+count)} of snapshot {@code s}; false when a piece failed (every
     * piece runs). With {@code got} non-null, the sectors read are added to it in order.
     */
    static boolean read(World w, SnapshotTarget s, long sector, long count, List<SectorContent> got) {
        if (!s.merge() && !s.valid()) {
            return false;
        }
        long boundary = s.merge() ? s.mergeBoundary() : s.store().chunkSize();
        boolean ok = true;
        for (long[] piece : BlockIo.pieces(sector, count, boundary)) {
            ok &= readPiece(w, s, piece[0], piece[1], got);
        }
        return ok;
    }

    /** One piece (inside one chunk): its exception's cow chunk, else the origin. */
    private static boolean readPiece(World w, SnapshotTarget s, long start, long n, List<SectorContent> got) {
        Store st = s.store();
        String key = s.originDisk();
        long at = start;
        boolean remapped = s.valid() && st.chunkSize() > 0 && st.exceptions().contains(start / st.chunkSize());
        if (remapped) {
            key = s.cowDisk();
            at = st.cowSector(st.exceptions().lookup(start / st.chunkSize()), start);
        }
        if (!StackedIo.read(w, key, at, n)) {
            return false;
        }
        if (got != null) {
            got.addAll(Volumes.image(w, key).read(at, n));
        }
        return true;
    }
}
