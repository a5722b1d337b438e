package dev.snapref.conformance.fault;

import dev.snapref.conformance.targets.engine.EngineTarget;
import dev.snapref.conformance.targets.TargetSession;
import dev.snapref.engine.DeviceMapper;
import dev.snapref.engine.block.BlockDevices;
import dev.snapref.engine.kernel.DmException;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.model.Device;
import dev.snapref.model.Model;
import dev.snapref.model.ModelState;
import dev.snapref.model.SnapshotTarget;
import dev.snapref.model.StoreType;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.LoadCommand;
import dev.snapref.scenario.ResumeCommand;
import dev.snapref.scenario.Script;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Merge progress never loses a committed exception across a crash: for a merge the script runs
 * (a resume after a {@code snapshot-merge} load), the engine runs the script on disks whose writes
 * and flushes are logged in one order ({@link SequencedDisks}); for a crash before every request
 * of the merge, and after it, the origin and cow images a crash leaves (with everything before
 * the merge durable: a write is durable once FUA or flushed) are loaded again by a correct engine
 * as LVM would after a reboot (a snapshot table on them) and must read, sector for sector, what
 * they read at the merge's start: each merged chunk is on the origin, or its record and data are
 * still in the cow. A merge that clears records before the origin is flushed (bug
 * {@code merge-commit-before-flush}, fcc42338375a) loses chunks.
 *
 * <p>The merge's origin and cow are disks, or LVs (LVM's lvconvert --merge: {@code
 * /dev/mapper/vg-o-real} and {@code /dev/mapper/vg-sN-cow}, each one linear segment of a PV,
 * {@link VolumeSlice}, as the model's state before the resume has them): an LV is reloaded through
 * a linear device over the same range of its disk's crash image (one image when both are on one
 * PV).
 *
 * <p>The merges are the model's ({@link #merges}): a resume that swapped a snapshot-merge table in
 * and left it merging a persistent store (a refused load leaves none, or the one loaded before).
 * Limits: a merge whose origin or cow is another kind of mapped device is skipped and counted
 * ({@code merges-not-single-linear}), and so is one that does not run on a persistent store after
 * its resume ({@code merges-not-persistent}: the resume failed, or the store handed over was
 * transient); one check per merge step; the images come from the engine only (the model's merge
 * runs within one step, with no crash points of its own).
 */
final class MergeCrash {
    private static final String ORIGIN_DEVICE = "reboot-origin";
    private static final String COW_DEVICE = "reboot-cow";

    private MergeCrash() {
    }

    /**
     * A merge of the script: the step whose resume started it, where its origin and cow live, the
     * merge table's length and the store's chunk size.
     */
    private record MergeStep(int step, VolumeSlice origin, VolumeSlice cow, long length, long chunk) {
        /** How a finding names the merge. */
        String describe() {
            return "merge of " + shown(cow) + " into " + shown(origin);
        }

        private static String shown(VolumeSlice v) {
            return v.stacked() ? v.toString() : "/dev/disk/" + v.disk();
        }
    }

    static Optional<Finding> check(Script script, Set<EngineBug> bugs, Map<String, Long> counts) {
        List<MergeStep> merges = merges(script, counts);
        if (merges.isEmpty()) {
            return Optional.empty();
        }
        SequencedDisks disks = new SequencedDisks();
        Map<Integer, int[]> window = new HashMap<>();
        try (TargetSession engine = new EngineTarget(bugs, disks).open()) {
            List<Command> cs = script.commands();
            for (int i = 0; i < cs.size(); i++) {
                int from = disks.position();
                engine.apply(cs.get(i));
                window.put(i, new int[] {from, disks.position()});
            }
        } catch (RuntimeException | AssertionError e) {
            return Optional.empty(); // the checked runs report a crashing engine; this check needs a whole run
        }
        for (MergeStep m : merges) {
            int[] w = window.get(m.step());
            Optional<Finding> f = crashes(m, disks, w[0], w[1], counts);
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }

    private static Optional<Finding> crashes(MergeStep m, SequencedDisks disks, int from, int to,
                                             Map<String, Long> counts) {
        Optional<byte[]> expected = reload(m, images(m, disks, from, from));
        if (expected.isEmpty()) {
            return Optional.empty(); // no valid store at the merge's start: nothing to keep
        }
        counts.merge(m.cow().stacked() ? "stacked-merges-crash-checked" : "merges-crash-checked", 1L, Long::sum);
        for (int k = from; k <= to; k++) {
            counts.merge("merge-crash-points", 1L, Long::sum);
            Optional<byte[]> got = reload(m, images(m, disks, from, k));
            if (got.isEmpty() || !Arrays.equals(expected.get(), got.get())) {
                String before = k < to ? describe(disks.ops(k, k + 1).get(0)) : "the end of the merge";
                return Optional.of(new Finding("crash:merge-lost-data", "crash before " + before + " (step "
                        + (m.step() + 1) + ", " + m.describe() + "): "
                        + (got.isEmpty() ? "the reloaded snapshot is unreadable"
                        : "the reloaded snapshot reads other data than at the merge's start, first at sector "
                        + firstDifference(expected.get(), got.get()))));
            }
        }
        return Optional.empty();
    }

    /** The crash images of the disks the merge's origin and cow are on (one, when they share a PV). */
    private static Map<String, byte[]> images(MergeStep m, SequencedDisks disks, int from, int crash) {
        Map<String, byte[]> out = new HashMap<>();
        for (String d : new String[] {m.origin().disk(), m.cow().disk()}) {
            out.computeIfAbsent(d, x -> disks.durableAt(x, from, crash));
        }
        return out;
    }

    /**
     * The sectors a fresh snapshot table on these images reads (a correct engine), or empty if it
     * cannot: the disks as they are, an LV as a linear device over its range.
     */
    private static Optional<byte[]> reload(MergeStep m, Map<String, byte[]> images) {
        DeviceMapper dm = new DeviceMapper();
        images.forEach((name, image) -> dm.addDisk(name, BlockDevices.fromImage(image)));
        try {
            if (m.origin().stacked()) {
                dm.create(ORIGIN_DEVICE, m.origin().linearTable());
            }
            if (m.cow().stacked()) {
                dm.create(COW_DEVICE, m.cow().linearTable());
            }
            dm.create("reboot", "0 " + m.length() + " snapshot " + m.origin().path(ORIGIN_DEVICE) + " "
                    + m.cow().path(COW_DEVICE) + " P " + m.chunk());
            return Optional.of(dm.read("/dev/mapper/reboot", 0, (int) m.length()));
        } catch (DmException e) {
            return Optional.empty();
        }
    }

    /**
     * The merges of {@code script}, as the model ran it: the resumes that swapped a
     * {@code snapshot-merge} table in (the inactive table before the step, which a failed later
     * load leaves in place) and left it live and merging a persistent store, its origin and cow
     * disks or single-segment LVs ({@link VolumeSlice}, as the state before the resume has them).
     */
    private static List<MergeStep> merges(Script script, Map<String, Long> counts) {
        List<Command> cs = script.commands();
        if (cs.stream().noneMatch(c -> c instanceof LoadCommand l && l.table().contains("snapshot-merge"))) {
            return List.of();
        }
        List<ModelState> states = Model.trace(script).states();
        List<MergeStep> out = new ArrayList<>();
        for (int i = 0; i < cs.size() && i < states.size(); i++) {
            ModelState before = i == 0 ? ModelState.initial() : states.get(i - 1);
            if (!(cs.get(i) instanceof ResumeCommand r) || !swapsMergeIn(before, r.name())) {
                continue;
            }
            Device d = states.get(i).device(r.name());
            if (d == null || d.live() == null || !(d.live().target() instanceof SnapshotTarget t) || !t.merge()
                    || t.store().type() != StoreType.PERSISTENT) {
                counts.merge("merges-not-persistent", 1L, Long::sum);
                continue;
            }
            Optional<VolumeSlice> origin = VolumeSlice.in(before, t.originDisk());
            Optional<VolumeSlice> cow = VolumeSlice.in(before, t.cowDisk());
            if (origin.isEmpty() || cow.isEmpty() || t.originDisk().equals(t.cowDisk())) {
                counts.merge("merges-not-single-linear", 1L, Long::sum);
                continue;
            }
            out.add(new MergeStep(i, origin.get(), cow.get(), d.live().length(), t.store().chunkSize()));
        }
        return out;
    }

    /** Whether {@code device}'s inactive table in {@code before} is a snapshot-merge (its resume swaps it in). */
    private static boolean swapsMergeIn(ModelState before, String device) {
        Device d = before.device(device);
        return d != null && d.inactive() != null && d.inactive().target() instanceof SnapshotTarget t && t.merge();
    }

    private static String describe(SequencedDisks.Op op) {
        return op.flush() ? "a flush of " + op.disk() : "a write of " + op.disk() + " sector " + op.sector() + "+"
                + op.data().length / 512 + (op.fua() ? " fua" : "");
    }

    private static long firstDifference(byte[] a, byte[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                return i / 512;
            }
        }
        return Math.min(a.length, b.length) / 512;
    }
}
