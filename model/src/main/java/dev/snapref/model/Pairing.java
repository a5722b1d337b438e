package dev.snapref.model;

import java.util.ArrayList;
import java.util.List;

/**
 * dm-snapshot's origin records and cow pairing: {@code __find_snapshots_sharing_cow},
 * {@code __validate_exception_handover}, {@code register_snapshot}, {@code __insert_snapshot}
 * (largest chunk first, after all entries of equal or larger chunk size), {@code unregister}
 * and {@code reregister_snapshot}.
 */
final class Pairing {
    private Pairing() {
    }

    /**
     * The snapshots on {@code originDisk} using {@code cowDisk}: how many, the last active one
     * (src) and the last inactive one (dest), in list order. The five states of the kernel's
     * comment: (0,-,-) first snapshot; (1,src,-) normal; (2,src,dest) handover pending;
     * (2,src,-) handed over, old source not yet removed; (1,-,dest) source destroyed first.
     */
    record Sharing(int count, SnapRef src, SnapRef dest) {
    }

    static Sharing find(World w, String originDisk, String cowDisk) {
        int count = 0;
        SnapRef src = null;
        SnapRef dest = null;
        List<SnapRef> refs = w.snapshotsOf(originDisk);
        for (int i = 0; i < refs.size(); i++) {
            SnapRef r = refs.get(i);
            SnapshotTarget s = w.snap(r);
            if (!s.cowDisk().equals(cowDisk)) {
                continue;
            }
            if (s.active()) {
                src = r;
            } else {
                dest = r;
            }
            count++;
        }
        return new Sharing(count, src, dest);
    }

    /** __validate_exception_handover refused the pairing. */
    static final int PAIRING_FAILED = -1;
    /** A merge destination while another snapshot of the origin merges. */
    static final int ALREADY_MERGING = -2;
    /** A merge table whose own store, or whose source's, cannot merge (transient). */
    static final int NO_MERGE_SUPPORT = -3;

    /**
     * __validate_exception_handover: {@link #PAIRING_FAILED}, {@link #ALREADY_MERGING} or
     * {@link #NO_MERGE_SUPPORT} when refused, 0 for an ordinary new snapshot, 1 for a handover
     * destination.
     */
    static int validateHandover(World w, SnapshotTarget s) {
        if (s.merge() && s.store().type() == StoreType.TRANSIENT) {
            // observed on Linux 6.1: a transient snapshot-merge table is refused with or without a
            // source, before the pairing and one-merge-per-origin checks (fuzz --target kernel,
            // seeds 20261205 and 20261206)
            return NO_MERGE_SUPPORT;
        }
        Sharing sh = find(w, s.originDisk(), s.cowDisk());
        if (sh.count() == 2 || sh.dest() != null) {
            return PAIRING_FAILED;
        }
        if (sh.src() == null || !s.merge()) {
            return sh.src() == null ? 0 : 1;
        }
        if (merging(w, s.originDisk()) != null) {
            return ALREADY_MERGING;
        }
        return w.snap(sh.src()).store().type() == StoreType.TRANSIENT ? NO_MERGE_SUPPORT : 1;
    }

    /** The last snapshot-merge target registered on {@code originDisk}, or null. */
    static SnapRef merging(World w, String originDisk) {
        SnapRef out = null;
        for (SnapRef r : w.snapshotsOf(originDisk)) {
            if (w.snap(r).merge()) {
                out = r;
            }
        }
        return out;
    }

    /** Inserts {@code ref} into its origin's list by its store's current chunk size. */
    static void insert(World w, SnapRef ref) {
        SnapshotTarget s = w.snap(ref);
        List<SnapRef> list = w.editableSnapshots(s.originDisk());
        assert !list.contains(ref) : "registered once";
        int at = list.size();
        for (int i = 0; i < list.size(); i++) {
            if (w.snap(list.get(i)).store().chunkSize() < s.store().chunkSize()) {
                at = i;
                break;
            }
        }
        list.add(at, ref);
    }

    /** Removes {@code ref} from its origin's list, freeing the origin record when it empties. */
    static void unregister(World w, SnapRef ref) {
        String origin = w.snap(ref).originDisk();
        List<SnapRef> list = w.editableSnapshots(origin);
        boolean removed = list.remove(ref);
        assert removed : "a constructed snapshot is registered";
        if (list.isEmpty()) {
            w.origins().remove(origin);
        }
    }

    /** reregister_snapshot: re-inserts at the position of its (now real) chunk size. */
    static void reregister(World w, SnapRef ref) {
        w.editableSnapshots(w.snap(ref).originDisk()).remove(ref);
        insert(w, ref);
    }

    /** The smallest non-zero chunk size of the origin's snapshots (2^31 when none): an origin's split. */
    static long minimumChunkSize(World w, String originDisk) {
        long min = OriginTarget.NO_SNAPSHOT_BOUNDARY;
        List<SnapRef> refs = w.snapshotsOf(originDisk);
        for (int i = 0; i < refs.size(); i++) {
            SnapRef r = refs.get(i);
            long c = w.snap(r).store().chunkSize();
            if (c != 0 && c < min) {
                min = c;
            }
        }
        return min;
    }
}
