package dev.snapref.conformance.fault;

import dev.snapref.conformance.targets.engine.EngineTarget;
import dev.snapref.conformance.targets.TargetSession;
import dev.snapref.engine.DeviceMapper;
import dev.snapref.engine.block.BlockDevices;
import dev.snapref.engine.kernel.DmException;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.LoadCommand;
import dev.snapref.scenario.ResumeCommand;
import dev.snapref.scenario.Script;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Merge progress never loses a committed exception across a crash: for a merge the script runs
 * (a resume after a {@code snapshot-merge} load naming disks), the engine runs the script on disks
 * whose writes and flushes are logged in one order ({@link SequencedDisks}); for a crash before
 * every request of the merge, and after it, the origin and cow images a crash leaves (with
 * everything before the merge durable: a write is durable once FUA or flushed) are loaded again
 * by a correct engine as LVM would after a reboot (a snapshot table on them) and must read, sector
 * for sector, what they read at the merge's start: each merged chunk is on the origin, or its
 * record and data are still in the cow. A merge that clears records before the origin is flushed
 * (bug {@code merge-commit-before-flush}, fcc42338375a) loses chunks.
 *
 * <p>Limits: merges on disks named directly (not through mapped devices); one check per merge
 * step; the images come from the engine only (the model's merge runs within one step, with no
 * crash points of its own).
 */
final class MergeCrash {
    private MergeCrash() {
    }

    /** A merge of the script: its step, the device resumed and the merge table's words. */
    private record MergeStep(int step, String[] table) {
    }

    static Optional<Finding> check(Script script, Set<EngineBug> bugs, Map<String, Long> counts) {
        List<MergeStep> merges = merges(script);
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
        String origin = m.table()[3].substring("/dev/disk/".length());
        String cow = m.table()[4].substring("/dev/disk/".length());
        long length = Long.parseLong(m.table()[1]);
        Optional<byte[]> expected = reload(disks.durableAt(origin, from, from), disks.durableAt(cow, from, from),
                length, m.table()[6]);
        if (expected.isEmpty()) {
            return Optional.empty(); // no valid store at the merge's start: nothing to keep
        }
        for (int k = from; k <= to; k++) {
            counts.merge("merge-crash-points", 1L, Long::sum);
            Optional<byte[]> got = reload(disks.durableAt(origin, from, k), disks.durableAt(cow, from, k), length,
                    m.table()[6]);
            if (got.isEmpty() || !Arrays.equals(expected.get(), got.get())) {
                String before = k < to ? describe(disks.ops(k, k + 1).get(0)) : "the end of the merge";
                return Optional.of(new Finding("crash:merge-lost-data", "crash before " + before + " (step "
                        + (m.step() + 1) + ", merge of /dev/disk/" + cow + " into /dev/disk/" + origin + "): "
                        + (got.isEmpty() ? "the reloaded snapshot is unreadable"
                        : "the reloaded snapshot reads other data than at the merge's start, first at sector "
                        + firstDifference(expected.get(), got.get()))));
            }
        }
        return Optional.empty();
    }

    /** The sectors a fresh snapshot table on these images reads (a correct engine), or empty if it cannot. */
    private static Optional<byte[]> reload(byte[] origin, byte[] cow, long length, String chunk) {
        DeviceMapper dm = new DeviceMapper();
        dm.addDisk("origin", BlockDevices.fromImage(origin));
        dm.addDisk("cow", BlockDevices.fromImage(cow));
        try {
            dm.create("reboot", "0 " + length + " snapshot /dev/disk/origin /dev/disk/cow P " + chunk);
            return Optional.of(dm.read("/dev/mapper/reboot", 0, (int) length));
        } catch (DmException e) {
            return Optional.empty();
        }
    }

    /** The merges of {@code script}: resumes (or creates) that follow a snapshot-merge load on disks. */
    private static List<MergeStep> merges(Script script) {
        List<MergeStep> out = new java.util.ArrayList<>();
        Map<String, String[]> loaded = new HashMap<>();
        List<Command> cs = script.commands();
        for (int i = 0; i < cs.size(); i++) {
            if (cs.get(i) instanceof LoadCommand l) {
                String[] w = l.table().trim().split("\\s+");
                boolean merge = w.length >= 7 && w[2].equals("snapshot-merge") && w[3].startsWith("/dev/disk/")
                        && w[4].startsWith("/dev/disk/") && !w[3].equals(w[4]);
                if (merge) {
                    loaded.put(l.name(), w);
                } else {
                    loaded.remove(l.name());
                }
            } else if (cs.get(i) instanceof ResumeCommand r && loaded.containsKey(r.name())) {
                out.add(new MergeStep(i, loaded.remove(r.name())));
            }
        }
        return out;
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
