package dev.snapref.conformance.fault;

import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.DeviceMapper;
import dev.snapref.engine.kernel.DmException;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.engine.block.BlockDevices;
import dev.snapref.engine.block.BlockOp;
import dev.snapref.engine.block.DurableImage;
import dev.snapref.engine.block.FaultAtlas;
import dev.snapref.engine.block.FaultyBlockDevice;
import dev.snapref.engine.block.MemoryBlockDevice;
import dev.snapref.engine.cow.CowHeader;
import dev.snapref.engine.cow.CowImageCheck;
import dev.snapref.engine.cow.CowImageDump;
import dev.snapref.conformance.targets.engine.InspectedDevice;
import dev.snapref.conformance.targets.engine.InspectedTable;
import dev.snapref.engine.store.ChunkSize;
import dev.snapref.model.Disk;
import dev.snapref.model.Model;
import dev.snapref.model.ModelState;
import dev.snapref.model.SnapshotTarget;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.Script;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Crash consistency (issue 7): runs a script on the engine with every cow a recording
 * {@link FaultyBlockDevice} pre-filled with stale data, then for every cow write and flush (and the
 * end) builds what a crash just before it leaves on the medium ({@link DurableImage}: only writes
 * made durable by a flush or FUA survive; a write may also be torn, a prefix of it landing), opens
 * that image with a fresh table on a fresh engine (as after a reboot) and checks it against the
 * model's states:
 * <ul>
 * <li>the image passes {@code cow check};</li>
 * <li>every exception the model had committed before the step that issued the request is present
 *     with the same cow chunk (its commit completed: the metadata area went out with FUA);</li>
 * <li>no exception is present that the model never had on that cow (stale areas, phantoms);</li>
 * <li>every present exception's cow chunk holds, sector by sector, content the snapshot had for
 *     that chunk at some point between the exception's commit and the crash, or the chunk's
 *     point-in-time content (a snapshot write issued after the commit may not have landed);</li>
 * <li>an image marked invalid only where the model invalidated a snapshot on that cow.</li>
 * </ul>
 * Limits: cows written behind dm-snapshot's back, or ever holding a transient store, are not
 * checked; at most {@value #MAX_POINTS} crash points per cow per script (evenly spread).
 */
public final class CrashCampaign implements ScriptMode {
    static final int MAX_POINTS = 120;

    private final Set<EngineBug> bugs;

    public CrashCampaign(Set<EngineBug> bugs) {
        this.bugs = Set.copyOf(bugs);
    }

    @Override
    public String name() {
        return "crash";
    }

    @Override
    public Optional<Finding> check(Script script, long seed, Map<String, Long> counts) {
        Model.Trace trace = Model.trace(script);
        List<ModelState> states = trace.states();
        List<String> cowNames = new ArrayList<>(ModelCows.cowDisks(states));
        Map<String, FaultAtlas> atlases = new HashMap<>();
        for (String c : cowNames) {
            atlases.put(c, FaultAtlas.NONE);
        }
        FaultyEngine engine = new FaultyEngine(bugs, atlases, true);
        List<Command> commands = script.commands();
        Map<String, int[]> boundaries = new HashMap<>();
        for (int i = 0; i < commands.size(); i++) {
            for (String c : cowNames) {
                FaultyBlockDevice d = engine.cow(c);
                boundaries.computeIfAbsent(c, k -> new int[commands.size()])[i] = d == null ? 0 : d.logSize();
            }
            engine.apply(commands.get(i));
        }
        Random rnd = new Random(seed);
        for (String cow : cowNames) {
            FaultyBlockDevice dev = engine.cow(cow);
            if (dev == null || ModelCows.unsuitable(states, cow)) {
                counts.merge("cows-skipped", 1L, Long::sum);
                continue;
            }
            Optional<Finding> f = checkCow(cow, dev, engine.initialImage(cow), boundaries.get(cow), states, rnd, counts);
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }

    private Optional<Finding> checkCow(String cow, FaultyBlockDevice dev, byte[] initial, int[] bounds,
                                       List<ModelState> states, Random rnd, Map<String, Long> counts) {
        List<BlockOp> log = dev.log();
        List<Integer> points = new ArrayList<>();
        for (BlockOp op : log) {
            if (op.kind() != BlockOp.Kind.READ) {
                points.add(op.index());
            }
        }
        points.add(log.size());
        int stride = Math.max(1, (points.size() + MAX_POINTS - 1) / MAX_POINTS);
        for (int p = 0; p < points.size(); p += stride) {
            int k = points.get(p);
            int step = k == log.size() ? states.size() : stepOf(bounds, k, states.size());
            int torn = 0;
            if (k < log.size() && log.get(k).kind() == BlockOp.Kind.WRITE && log.get(k).count() > 1 && rnd.nextBoolean()) {
                torn = 1 + rnd.nextInt(log.get(k).count() - 1);
            }
            byte[] image = DurableImage.crashAt(initial, log, k, torn);
            String where = "crash on " + cow + " before " + (k < log.size() ? log.get(k).describe() : "the end")
                    + (torn > 0 ? " (torn: " + torn + " sectors landed)" : "") + (step < states.size() ? " during step " + (step + 1) : "");
            counts.merge("crash-points", 1L, Long::sum);
            Optional<Finding> f = checkImage(cow, image, step, states, where, counts);
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }

    /** The step that issued request {@code k} (the last step when k is the end of the log). */
    private static int stepOf(int[] bounds, int k, int steps) {
        int step = steps - 1;
        for (int i = 0; i < bounds.length; i++) {
            if (bounds[i] > k) {
                return Math.max(0, i - 1);
            }
        }
        return step;
    }

    private Optional<Finding> checkImage(String cow, byte[] image, int step, List<ModelState> states, String where,
                                         Map<String, Long> counts) {
        CowImageCheck.Result verdict = CowImageCheck.check(image);
        if (!verdict.ok()) {
            return Optional.of(new Finding("crash:cow-check", where + ": cow check: " + verdict.reason()));
        }
        CowHeader h = CowImageDump.of(image).header();
        long chunk = h.hasSnapshotMagic() && ChunkSize.invalidReason(h.chunkSize(), 1).isEmpty() ? h.chunkSize()
                : tableChunk(states, step, cow);
        DeviceMapper dm = new DeviceMapper(bugs);
        dm.addDisk("origin", new MemoryBlockDevice(chunk));
        dm.addDisk(cow, BlockDevices.fromImage(image));
        try {
            dm.create("reboot", "0 " + chunk + " snapshot /dev/disk/origin /dev/disk/" + cow + " P " + chunk);
        } catch (DmException e) {
            return Optional.of(new Finding("crash:reload-failed", where + ": fresh table failed with "
                    + e.errno() + ": " + String.join(" | ", dm.log().drain())));
        }
        InspectedTable t = InspectedDevice.all(dm).stream().filter(d -> d.name().equals("reboot")).findFirst()
                .flatMap(InspectedDevice::live).orElseThrow();
        ModelState before = step == 0 ? ModelState.initial() : states.get(step - 1);
        if (!t.valid()) {
            return everInvalid(states, step, cow) ? Optional.empty()
                    : Optional.of(new Finding("crash:marked-invalid", where + ": image is marked invalid but no"
                    + " snapshot on " + cow + " was invalidated"));
        }
        Map<Long, Long> present = t.exceptions();
        for (SnapshotTarget s : ModelCows.on(before, cow)) {
            if (!s.store().initialised() || !s.store().metadataValid() || s.store().chunkSize() == 0) {
                continue;
            }
            Map<Long, Long> committed = s.store().exceptions().asMap();
            for (Map.Entry<Long, Long> e : committed.entrySet()) {
                Long got = present.get(e.getKey());
                if (!e.getValue().equals(got)) {
                    return Optional.of(new Finding("crash:lost-exception", where + ": exception " + e.getKey()
                            + " -> " + e.getValue() + " was committed before step " + (step + 1) + " but the"
                            + " reloaded table has " + (got == null ? "none" : "-> " + got)));
                }
            }
        }
        for (Map.Entry<Long, Long> e : present.entrySet()) {
            int first = firstSeen(states, step, cow, e.getKey(), e.getValue());
            if (first < 0) {
                return Optional.of(new Finding("crash:phantom-exception", where + ": reloaded table maps chunk "
                        + e.getKey() + " -> " + e.getValue() + ", which no snapshot on " + cow + " ever committed"));
            }
            Optional<Finding> d = checkData(image, chunk, cow, e.getKey(), e.getValue(), first, step, states, where);
            if (d.isPresent()) {
                return d;
            }
            counts.merge("exceptions-verified", 1L, Long::sum);
        }
        return Optional.empty();
    }

    /**
     * The chunk size to reload a cow whose header did not land with: the first store chunk size the
     * model had on it (what the user's table asked for), else 8. A bigger one could put area 0 past
     * the end of a small cow, which fails the load for a reason that has nothing to do with the crash.
     */
    private static long tableChunk(List<ModelState> states, int step, String cow) {
        for (int j = 0; j <= step && j < states.size(); j++) {
            for (SnapshotTarget s : ModelCows.on(states.get(j), cow)) {
                if (s.store().chunkSize() > 0) {
                    return s.store().chunkSize();
                }
            }
        }
        return 8;
    }

    private static boolean everInvalid(List<ModelState> states, int step, String cow) {
        for (int j = 0; j <= step && j < states.size(); j++) {
            for (SnapshotTarget s : ModelCows.on(states.get(j), cow)) {
                if (!s.valid() || !s.store().metadataValid()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** First state index (0..step) where a snapshot on {@code cow} maps old to new; -1 if none. */
    private static int firstSeen(List<ModelState> states, int step, String cow, long oldChunk, long newChunk) {
        for (int j = 0; j <= step && j < states.size(); j++) {
            for (SnapshotTarget s : ModelCows.on(states.get(j), cow)) {
                if (s.store().exceptions().lookup(oldChunk) == newChunk) {
                    return j;
                }
            }
        }
        return -1;
    }

    private static Optional<Finding> checkData(byte[] image, long chunk, String cow, long oldChunk, long newChunk,
                                               int first, int step, List<ModelState> states, String where) {
        ModelState pre = first == 0 ? ModelState.initial() : states.get(first - 1);
        long originSectors = Long.MAX_VALUE;
        Disk ghost = null;
        for (SnapshotTarget s : ModelCows.on(states.get(first), cow)) {
            Disk o = states.get(first).disk(s.originDisk());
            originSectors = o == null ? originSectors : Math.min(originSectors, o.sectors());
        }
        for (SnapshotTarget s : ModelCows.on(pre, cow)) {
            if (s.store().ghost() != null && !s.store().splitQuirk()) {
                ghost = s.store().ghost();
            }
        }
        for (long k = 0; k < chunk; k++) {
            long originSector = oldChunk * chunk + k;
            if (originSector >= originSectors) {
                break;
            }
            long cowSector = newChunk * chunk + k;
            byte[] got = Arrays.copyOfRange(image, (int) cowSector * BlockDevice.SECTOR_SIZE,
                    (int) (cowSector + 1) * BlockDevice.SECTOR_SIZE);
            boolean ok = ghost != null && originSector < ghost.sectors() && Arrays.equals(got, ghost.bytesAt(originSector));
            for (SnapshotTarget s : ModelCows.on(states.get(first), cow)) {
                // what the copy read: the origin as it was before the step that made the exception
                Disk o = pre.disk(s.originDisk());
                ok |= o != null && originSector < o.sectors() && Arrays.equals(got, o.bytesAt(originSector));
            }
            for (int j = first; j <= Math.min(step, states.size() - 1) && !ok; j++) {
                Disk d = states.get(j).disk(cow);
                ok = d != null && Arrays.equals(got, d.bytesAt(cowSector));
            }
            if (!ok) {
                return Optional.of(new Finding("crash:wrong-data", where + ": exception " + oldChunk + " -> "
                        + newChunk + ": cow sector " + cowSector + " holds "
                        + dev.snapref.scenario.SectorPattern.classify(got, 0) + ", not the snapshot's content"
                        + " for origin sector " + originSector));
            }
        }
        return Optional.empty();
    }
}
