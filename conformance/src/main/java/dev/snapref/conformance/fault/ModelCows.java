package dev.snapref.conformance.fault;

import dev.snapref.model.Device;
import dev.snapref.model.LinearTarget;
import dev.snapref.model.ModelState;
import dev.snapref.model.SnapshotTarget;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.DiskCommand;
import dev.snapref.scenario.Script;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** What the model's states say about cow disks (which disks are cows, the snapshots on one), and disk sizes. */
final class ModelCows {
    private static final String MAPPER = "/dev/mapper/";
    /** More linear tables than this above a disk is a cycle (the model refuses deeper stacks too). */
    private static final int MAX_DEPTH = 16;

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

    /**
     * The disks beneath the cows of {@code states}, sorted: a cow that is a disk is itself; a cow
     * that is a mapped device (LVM's {@code vg-sN-cow}) is followed through the {@code linear}
     * tables live in that state down to the disk they map to (a cow on another kind of table, or
     * on a device without a live table then, adds nothing). The requests a snapshot makes of a
     * stacked cow reach that disk, so faults and request logs are planned on it.
     */
    static Set<String> cowBackingDisks(List<ModelState> states) {
        Set<String> out = new TreeSet<>();
        for (ModelState s : states) {
            for (SnapshotTarget t : s.allSnapshots().values()) {
                backingDisk(s, t.cowDisk()).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The disk {@code key} lands on in {@code state}, through live linear tables only. */
    private static Optional<String> backingDisk(ModelState state, String key) {
        String k = key;
        for (int depth = 0; k.startsWith(MAPPER); depth++) {
            Device d = state.device(k.substring(MAPPER.length()));
            if (depth > MAX_DEPTH || d == null || d.live() == null || !(d.live().target() instanceof LinearTarget l)) {
                return Optional.empty();
            }
            k = l.device();
        }
        return Optional.of(k);
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
