package dev.snapref.conformance.fault;

import dev.snapref.model.ModelState;
import dev.snapref.model.SnapshotTarget;
import dev.snapref.model.StoreType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What the model's states say about cow disks: which disks are cows, and the snapshots on one. */
final class ModelCows {
    private ModelCows() {
    }

    /** Disks used as a cow in any of {@code states}, sorted. */
    static Set<String> cowDisks(List<ModelState> states) {
        Set<String> out = new TreeSet<>();
        for (ModelState s : states) {
            for (SnapshotTarget t : s.allSnapshots().values()) {
                out.add(t.cowDisk());
            }
        }
        return out;
    }

    /** Snapshot targets (live or inactive) whose cow is {@code disk}. */
    static List<SnapshotTarget> on(ModelState s, String disk) {
        List<SnapshotTarget> out = new ArrayList<>();
        for (SnapshotTarget t : s.allSnapshots().values()) {
            if (t.cowDisk().equals(disk)) {
                out.add(t);
            }
        }
        return out;
    }

    /** Whether {@code disk} was written behind dm-snapshot's back or ever held a transient store. */
    static boolean unsuitable(List<ModelState> states, String disk) {
        for (ModelState s : states) {
            if (s.disk(disk) != null && s.disk(disk).tainted()) {
                return true;
            }
            for (SnapshotTarget t : on(s, disk)) {
                if (t.store().type() != StoreType.PERSISTENT) {
                    return true;
                }
            }
        }
        return false;
    }
}
