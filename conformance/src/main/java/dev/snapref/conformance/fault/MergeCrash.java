package dev.snapref.conformance.fault;

import dev.snapref.conformance.targets.engine.EngineTarget;
import dev.snapref.conformance.targets.TargetSession;
import dev.snapref.engine.DeviceMapper;
import dev.snapref.engine.block.BlockDevices;
import dev.snapref.engine.kernel.DmException;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.model.Model;
import dev.snapref.model.ModelState;
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
 * <p>Limits: a merge whose origin or cow is another kind of mapped device is skipped and counted
 * ({@code merges-not-single-linear}); one check per merge step; the images come from the engine
 * only (the model's merge runs within one step, with no crash points of its own).
 */
final class MergeCrash {
    private static final String ORIGIN_DEVICE = "reboot-origin";
    private static final String COW_DEVICE = "reboot-cow";

    private MergeCrash() {
    }

    /** A merge of the script: its step, the merge table's words, and where its origin and cow live. */
    private record MergeStep(int step, String[] table, VolumeSlice origin, VolumeSlice cow) {
        /** The merge table's length. */
        long length() {
            return Long.parseLong(table[1]);
        }

        /** The merge table's chunk size. */
        String chunk() {
            return table[6];
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
                        + (m.step() + 1) + ", merge of " + m.table()[4] + " into " + m.table()[3]
                        + (m.cow().stacked() || m.origin().stacked() ? ": " + m.cow() + " into " + m.origin() : "")
                        + "): " + (got.isEmpty() ? "the reloaded snapshot is unreadable"
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
     * The merges of {@code script}: resumes (or creates) that follow a snapshot-merge load naming
     * disks or single-segment LVs (as the model's state before the resume has them).
     */
    private static List<MergeStep> merges(Script script, Map<String, Long> counts) {
        List<MergeStep> out = new ArrayList<>();
        Map<String, String[]> loaded = new HashMap<>();
        List<Command> cs = script.commands();
        List<ModelState> states = null;
        for (int i = 0; i < cs.size(); i++) {
            if (cs.get(i) instanceof LoadCommand l) {
                String[] w = l.table().trim().split("\\s+");
                boolean merge = w.length >= 7 && w[2].equals("snapshot-merge") && volume(w[3]) != null
                        && volume(w[4]) != null && !w[3].equals(w[4]);
                if (merge) {
                    loaded.put(l.name(), w);
                } else {
                    loaded.remove(l.name());
                }
            } else if (cs.get(i) instanceof ResumeCommand r && loaded.containsKey(r.name())) {
                String[] w = loaded.remove(r.name());
                states = states == null ? Model.trace(script).states() : states;
                ModelState before = i == 0 ? ModelState.initial() : states.get(i - 1);
                Optional<VolumeSlice> origin = VolumeSlice.in(before, volume(w[3]));
                Optional<VolumeSlice> cow = VolumeSlice.in(before, volume(w[4]));
                if (origin.isPresent() && cow.isPresent()) {
                    out.add(new MergeStep(i, w, origin.get(), cow.get()));
                } else {
                    counts.merge("merges-not-single-linear", 1L, Long::sum);
                }
            }
        }
        return out;
    }

    /** The volume key a table's path names ({@code /dev/disk/NAME}: NAME; {@code /dev/mapper/NAME}: itself), or null. */
    private static String volume(String path) {
        if (path.startsWith("/dev/disk/")) {
            return path.substring("/dev/disk/".length());
        }
        return VolumeSlice.mapped(path) ? path : null;
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
