package dev.snapref.conformance.fault;

import dev.snapref.engine.block.SparseImage;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.model.Device;
import dev.snapref.model.Disk;
import dev.snapref.model.Model;
import dev.snapref.model.ModelLimitation;
import dev.snapref.model.ModelState;
import dev.snapref.model.SnapRef;
import dev.snapref.model.SnapshotTarget;
import dev.snapref.scenario.Script;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Crash consistency: the model and the engine run a script with every cow disk stale at the start
 * and logged request by request ({@link FaultedRun}: the runs must agree as any checked run does,
 * and issue the same requests with the same data). Then for every write and flush on a logged
 * disk, and the end, the crash just before it ({@link CrashPoints}): the model's crash image
 * ({@link CrashImage}, from its own log) and the engine's ({@link DurableImage}, from its device's
 * log) must be the same bytes, writes of more than one sector being torn at random (a prefix
 * lands); and both reload from their image (a fresh snapshot table on it with the chunk size the
 * script first used there, its status and every sector, then an origin write through a fresh
 * snapshot-origin and the status and sectors again), compared as any checked run
 * ({@link CrashReload}).
 *
 * <p>LVM stacks ({@link #withStacks}: one script in three): a cow on a mapped device is followed
 * to its slice ({@link VolumeSlice}: a single {@code linear} table onto a disk, offset and length),
 * and the disk beneath (the PV, which often holds the origin LV too) is the logged one: its crash
 * points are all the PV's writes and flushes, origin I/O included, and its crash images are
 * compared whole. It starts as the script leaves it (zeroed), not stale. Each cow slice on it is
 * reloaded from the whole PV image through a linear device over the slice, with a separate zeroed
 * origin disk of the origin LV's size, at every crash point from the step its first snapshot
 * was made. A cow whose table is anything else (another target, or linear onto a mapped device)
 * is skipped and counted ({@code stacked-cows-not-single-linear}).
 *
 * <p>So what a crash leaves, and what a reload makes of it, is the model's to say, and the engine
 * must agree at every crash point. The model's answer is itself held to crash consistency
 * ({@link CrashProperties}: committed exceptions survive, no phantom appears; for a stacked cow on
 * its slice of the PV), so agreement is not agreement on nonsense. Where a classic script leaves a
 * snapshot to merge, the merge is appended ({@link MergeTail}) and every crash point of it is
 * checked on both disks ({@link MergeCrash}: merge progress never loses a committed exception).
 * A quarter of the scripts use chunk size 1 ({@link SmallChunks}), so metadata areas fill.
 *
 * <p>Limits: at most {@value #MAX_POINTS} crash points per logged disk per script (evenly
 * spread); a crash tears at most the request it happens at. No merge is appended to a stacked
 * script: its own merges (lvconvert --merge, onto single-segment LVs) are crash-checked
 * ({@link MergeCrash}, counted {@code stacked-merges-crash-checked}). Scripts the model refuses
 * ({@link ModelLimitation}) are skipped and counted ({@code scripts-out-of-scope}).
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
    public Script prepare(Script generated, long seed) {
        return new Random(seed ^ 0xC4A5L).nextInt(4) == 0 ? SmallChunks.of(generated) : generated;
    }

    /**
     * LVM-shaped scripts too: a stacked cow's crash points are on the disk beneath it (the PV,
     * which starts as the script leaves it, not stale), reloaded through a linear device over the
     * cow's range ({@link CrashReload}); the script's own lvconvert --merge steps are crash-checked
     * on the LVs' ranges ({@link MergeCrash}).
     */
    @Override
    public boolean withStacks() {
        return true;
    }

    @Override
    public Optional<Finding> check(Script script, long seed, Map<String, Long> counts) {
        try {
            return checkCrashes(script, seed, counts);
        } catch (ModelLimitation outOfScope) {
            // an LVM script with a request that would wait on a suspended lower device: skipped, as
            // every checker skips it
            counts.merge("scripts-out-of-scope", 1L, Long::sum);
            return Optional.empty();
        } catch (RuntimeException | AssertionError e) {
            return Optional.of(new Finding("crash:java-exception:" + e.getClass().getSimpleName(), String.valueOf(e)
                    + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?")));
        }
    }

    private Optional<Finding> checkCrashes(Script script, long seed, Map<String, Long> counts) {
        List<ModelState> states = Model.trace(script).states();
        Set<String> cows = ModelCows.cowDisks(states);
        boolean stacked = cows.stream().anyMatch(VolumeSlice::mapped);
        Optional<Finding> merge = stacked ? MergeCrash.check(script, bugs, counts) : checkMerge(script, counts);
        if (merge.isPresent()) {
            return merge;
        }
        if (cows.isEmpty()) {
            counts.merge("scripts-without-cows", 1L, Long::sum);
            return Optional.empty();
        }
        Map<String, List<VolumeSlice>> byDisk = slicesByDisk(states, cows, stacked, counts);
        Map<String, Disk> modelDisks = new HashMap<>();
        Map<String, SparseImage> images = new HashMap<>();
        for (String d : cows) {
            if (byDisk.containsKey(d)) {
                long sectors = ModelCows.declaredSectors(script, d);
                images.put(d, StaleCow.image(sectors));
                modelDisks.put(d, StaleCow.disk(d, sectors));
            }
        }
        FaultedRun.Outcome run = FaultedRun.run(name(), script, bugs, byDisk.keySet(), null, modelDisks, images);
        if (run.check().outOfScope().isPresent()) {
            counts.merge("scripts-out-of-scope", 1L, Long::sum);
        }
        if (run.finding().isPresent() || !run.check().passed()) {
            return run.finding();
        }
        Random rnd = new Random(seed);
        for (Map.Entry<String, List<VolumeSlice>> e : byDisk.entrySet()) {
            String d = e.getKey();
            if (run.engine().device(d) == null) {
                continue;
            }
            long sectors = ModelCows.declaredSectors(script, d);
            CrashPoints points = new CrashPoints(d, modelDisks.getOrDefault(d, Disk.zeroed(d, sectors)),
                    images.getOrDefault(d, SparseImage.zeroed(sectors)), run.model().log(d),
                    run.engine().device(d).log(), !cows.contains(d));
            Optional<Finding> f = points.check(sliceChecks(script, states, e.getValue(), counts), rnd, counts);
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }

    /**
     * The logged disks and the cow slices on each, sorted by disk: a cow disk (preset stale), or a
     * disk beneath stacked cows (as the script leaves it).
     */
    private static Map<String, List<VolumeSlice>> slicesByDisk(List<ModelState> states, Set<String> cows,
                                                            boolean stacked, Map<String, Long> counts) {
        List<String> unresolved = new ArrayList<>();
        List<VolumeSlice> slices = VolumeSlice.cows(states, cows, unresolved);
        if (!unresolved.isEmpty()) {
            counts.merge("stacked-cows-not-single-linear", (long) unresolved.size(), Long::sum);
        }
        if (stacked) {
            counts.merge("scripts-stacked", 1L, Long::sum);
            counts.merge("stacked-cow-slices", slices.stream().filter(VolumeSlice::stacked).count(), Long::sum);
        }
        Map<String, List<VolumeSlice>> byDisk = new TreeMap<>();
        for (VolumeSlice c : slices) {
            byDisk.computeIfAbsent(c.disk(), d -> new ArrayList<>()).add(c);
        }
        return byDisk;
    }

    /** What is checked for each slice of one logged disk at its crash points. */
    private List<CrashPoints.SliceCheck> sliceChecks(Script script, List<ModelState> states, List<VolumeSlice> slices,
                                                     Map<String, Long> counts) {
        List<CrashPoints.SliceCheck> checks = new ArrayList<>();
        for (VolumeSlice c : slices) {
            CrashProperties properties = new CrashProperties(c, states);
            if (c.stacked()) {
                counts.merge(properties.judged() ? "stacked-slices-judged" : "stacked-slices-not-judged", 1L,
                        Long::sum);
            }
            checks.add(new CrashPoints.SliceCheck(reloadFor(script, states, c), properties,
                    c.stacked() ? firstUse(states, c) : 0));
        }
        return checks;
    }

    /** The merge crash check of a classic script: the merge appended where it leaves one ({@link MergeTail}). */
    private Optional<Finding> checkMerge(Script script, Map<String, Long> counts) {
        Optional<Script> merged = MergeTail.of(script);
        if (merged.isPresent()) {
            counts.merge("scripts-with-merge-tail", 1L, Long::sum);
            return MergeCrash.check(merged.get(), bugs, counts);
        }
        return Optional.empty();
    }

    /**
     * The reload of {@code slice}: with the chunk size the script first gave a store there (8 if
     * none), on its origin; for a stacked slice (or a mapped origin) a fresh disk of the origin's
     * size then (the snapshot table's length if the origin device has none).
     */
    private CrashReload reloadFor(Script script, List<ModelState> states, VolumeSlice slice) {
        long chunk = 0;
        long originSectors = 0;
        String origin = null;
        boolean[] holds = slice.holdsIn(states);
        for (int j = 0; j < states.size() && chunk == 0; j++) {
            for (Map.Entry<SnapRef, SnapshotTarget> e : states.get(j).allSnapshots().entrySet()) {
                SnapshotTarget s = e.getValue();
                if (!holds[j] || !s.cowDisk().equals(slice.volume())) {
                    continue;
                }
                if (origin == null) {
                    origin = s.originDisk();
                    originSectors = sizeOf(states.get(j), origin, states.get(j).table(e.getKey()).length());
                }
                if (chunk == 0 && s.store().chunkSize() > 0) {
                    chunk = s.store().chunkSize();
                }
            }
        }
        if (VolumeSlice.mapped(origin) || slice.stacked()) {
            origin = slice.disk().equals("origin") ? "reboot-origin" : "origin";
        }
        return new CrashReload(bugs, slice, ModelCows.declaredSectors(script, slice.disk()), origin, originSectors,
                chunk == 0 ? 8 : chunk);
    }

    /**
     * The first step after which a snapshot uses {@code slice} (its state holds one on it): a
     * stacked slice is reloaded from there on (a classic cow disk at every crash point, as it only
     * ever holds cow data).
     */
    private static int firstUse(List<ModelState> states, VolumeSlice slice) {
        boolean[] holds = slice.holdsIn(states);
        for (int j = 0; j < states.size(); j++) {
            if (holds[j] && !ModelCows.on(states.get(j), slice.volume()).isEmpty()) {
                return j;
            }
        }
        return states.size();
    }

    /** The size of a disk or mapped device key in {@code state}; {@code fallback} for a device without a table. */
    private static long sizeOf(ModelState state, String key, long fallback) {
        if (!VolumeSlice.mapped(key)) {
            return state.disk(key).sectors();
        }
        Device d = state.device(key.substring("/dev/mapper/".length()));
        return d == null || d.size() == 0 ? fallback : d.size();
    }
}
