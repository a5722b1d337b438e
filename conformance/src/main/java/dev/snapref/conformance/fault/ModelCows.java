package dev.snapref.conformance.fault;

import dev.snapref.model.ModelState;
import dev.snapref.model.SnapshotTarget;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.DiskCommand;
import dev.snapref.scenario.Script;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What the model's states say about cow disks (which disks are cows, the snapshots on one), and disk sizes. */
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

    /** The size a script's {@code disk} line gives {@code name}. */
    static long declaredSectors(Script script, String name) {
        for (Command c : script.commands()) {
            if (c instanceof DiskCommand d && d.name().equals(name)) {
                return d.sectors();
            }
        }
        throw new IllegalArgumentException("the script declares no disk " + name);
    }
}
