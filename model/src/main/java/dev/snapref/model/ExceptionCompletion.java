package dev.snapref.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starting and completing the new exceptions of one group of write pieces, in allocation
 * order (kcopyd's side of dm-snap.c): start_copy reads the origin chunk and writes it to the
 * cow (start_full_bio writes the snapshot write's data instead); complete_exception commits
 * the exception to the store ({@link ExceptionStores#commit}), which writes the metadata area
 * when the batch of the store's prepared exceptions ends or the area fills; then
 * pending_complete publishes each exception of the batch, or invalidates the snapshot with
 * "Error reading/writing." when the copy or the commit failed.
 *
 * <p>Guarantees: each exception of the group completes exactly once; a store's batch is the
 * group's exceptions of that snapshot, so it ends with the snapshot's last one.
 */
final class ExceptionCompletion {
    private ExceptionCompletion() {
    }

    /** Starts and completes {@code group} in order. */
    static void startAll(World w, List<PendingException> group) {
        Map<SnapRef, List<PendingException>> batches = new LinkedHashMap<>();
        for (int i = 0; i < group.size(); i++) {
            PendingException pe = group.get(i);
            boolean copied = copy(w, pe);
            boolean last = true;
            for (int j = i + 1; j < group.size() && last; j++) {
                last = !group.get(j).ref.equals(pe.ref);
            }
            SnapshotTarget s = w.snap(pe.ref);
            ExceptionStores.Commit c = ExceptionStores.commit(w, s.cowDisk(), s.store(), pe.chunk, pe.newChunk,
                    copied, last);
            w.setSnap(pe.ref, w.snap(pe.ref).withStore(c.store()));
            List<PendingException> batch = batches.computeIfAbsent(pe.ref, r -> new ArrayList<>());
            batch.add(pe);
            if (c.due()) {
                for (PendingException b : batch) {
                    pendingComplete(w, b, c.success());
                }
                batch.clear();
            }
        }
        assert batches.values().stream().allMatch(List::isEmpty) : "every batch ends with its snapshot's last exception";
    }

    /** start_copy or start_full_bio: the exception's chunk on the cow; false when a request failed. */
    private static boolean copy(World w, PendingException pe) {
        SnapshotTarget s = w.snap(pe.ref);
        Store st = s.store();
        long cs = st.chunkSize();
        long dst = st.cowSector(pe.newChunk, 0);
        String cow = s.cowDisk();
        if (pe.full) {
            return StackedIo.write(w, cow, dst, cs, false, d -> d.copyFrom(pe.data, pe.sector, dst, cs).markCowWritten());
        }
        long src = pe.chunk * cs;
        long n = Math.min(cs, Volumes.size(w, s.originDisk()) - src);
        if (n <= 0 || !StackedIo.read(w, s.originDisk(), src, n)) {
            return false;
        }
        Disk from = Volumes.image(w, s.originDisk());
        return StackedIo.write(w, cow, dst, n, false, d -> d.copyFrom(from, src, dst, n).markCowWritten());
    }

    /** pending_complete: publish the exception if its commit succeeded and the snapshot is valid. */
    private static void pendingComplete(World w, PendingException pe, boolean committed) {
        if (!committed) {
            SnapshotHooks.invalidate(w, pe.ref, Kmsg.INVALID_IO);
            pe.completed(false);
            return;
        }
        SnapshotTarget s = w.snap(pe.ref);
        if (!s.valid()) {
            pe.completed(false);
            return;
        }
        Store st = s.store();
        w.setSnap(pe.ref, s.withStore(st.withExceptions(st.exceptions().with(pe.chunk, pe.newChunk))));
        if (pe.full) {
            CopyOnWrite.updateGhost(w, pe.ref, pe.sector, pe.count, pe.data);
        }
        pe.completed(true);
    }
}
