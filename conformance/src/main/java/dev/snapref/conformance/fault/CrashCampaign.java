package dev.snapref.conformance.fault;

import dev.snapref.engine.block.BlockOp;
import dev.snapref.engine.block.DurableImage;
import dev.snapref.engine.block.SparseImage;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.model.CrashImage;
import dev.snapref.model.Disk;
import dev.snapref.model.Model;
import dev.snapref.model.ModelState;
import dev.snapref.model.Request;
import dev.snapref.model.RequestKind;
import dev.snapref.model.SnapshotTarget;
import dev.snapref.scenario.Script;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Crash consistency: the model and the engine run a script with every cow stale at the start and
 * logged request by request ({@link FaultedRun}: the runs must agree as any checked run does, and
 * issue the same requests with the same data). Then for every cow write and flush, and the end,
 * the crash just before it: the model's crash image ({@link CrashImage}, from its own log) and
 * the engine's ({@link DurableImage}, from its device's log) must be the same bytes, writes of
 * more than one sector being torn at random (a prefix lands); and both reload from their image
 * (a fresh snapshot table on it with the chunk size the script first used there, its status and
 * every sector, then an origin write through a fresh snapshot-origin and the status and sectors
 * again), compared as any checked run ({@link CrashReload}).
 *
 * <p>So what a crash leaves, and what a reload makes of it, is the model's to say, and the engine
 * must agree at every crash point. The model's answer is itself held to crash consistency
 * ({@link CrashProperties}: committed exceptions survive, no phantom appears), so agreement is not
 * agreement on nonsense. Where the script leaves a snapshot to merge, the merge is appended
 * ({@link MergeTail}) and every crash point of it is checked on both disks ({@link MergeCrash}:
 * merge progress never loses a committed exception). A quarter of the scripts use chunk size 1 ({@link SmallChunks}),
 * so metadata areas fill. Limits: at most {@value #MAX_POINTS} crash points per cow per script
 * (evenly spread); a crash tears at most the request it happens at.
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

    @Override
    public Optional<Finding> check(Script script, long seed, Map<String, Long> counts) {
        try {
            return checkCrashes(script, seed, counts);
        } catch (RuntimeException | AssertionError e) {
            return Optional.of(new Finding("crash:java-exception:" + e.getClass().getSimpleName(), String.valueOf(e)
                    + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?")));
        }
    }

    private Optional<Finding> checkCrashes(Script script, long seed, Map<String, Long> counts) {
        Optional<Script> merged = MergeTail.of(script);
        if (merged.isPresent()) {
            counts.merge("scripts-with-merge-tail", 1L, Long::sum);
            Optional<Finding> f = MergeCrash.check(merged.get(), bugs, counts);
            if (f.isPresent()) {
                return f;
            }
        }
        List<ModelState> states = Model.trace(script).states();
        List<String> cows = new ArrayList<>(ModelCows.cowDisks(states));
        if (cows.isEmpty()) {
            counts.merge("scripts-without-cows", 1L, Long::sum);
            return Optional.empty();
        }
        Map<String, Disk> modelDisks = new HashMap<>();
        Map<String, SparseImage> images = new HashMap<>();
        for (String c : cows) {
            images.put(c, StaleCow.image(ModelCows.declaredSectors(script, c)));
            modelDisks.put(c, StaleCow.disk(c, ModelCows.declaredSectors(script, c)));
        }
        FaultedRun.Outcome run = FaultedRun.run(name(), script, bugs, Set.copyOf(cows), null, modelDisks, images);
        if (run.finding().isPresent() || !run.check().passed()) {
            return run.finding();
        }
        Random rnd = new Random(seed);
        for (String cow : cows) {
            if (run.engine().device(cow) == null) {
                continue;
            }
            CrashReload reload = reloadFor(script, states, cow);
            CrashProperties properties = new CrashProperties(cow, states);
            Optional<Finding> f = crashPoints(cow, modelDisks.get(cow), images.get(cow), run.model().log(cow),
                    run.engine().device(cow).log(), reload, properties, rnd, counts);
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }

    private Optional<Finding> crashPoints(String cow, Disk modelStart, SparseImage engineStart, List<Request> modelLog,
                                          List<BlockOp> engineLog, CrashReload reload, CrashProperties properties,
                                          Random rnd, Map<String, Long> counts) {
        List<Integer> points = new ArrayList<>();
        for (Request r : modelLog) {
            if (r.kind() != RequestKind.READ) {
                points.add(r.index());
            }
        }
        points.add(modelLog.size());
        int stride = Math.max(1, (points.size() + MAX_POINTS - 1) / MAX_POINTS);
        for (int p = 0; p < points.size(); p += stride) {
            int k = points.get(p);
            Request at = k < modelLog.size() ? modelLog.get(k) : null;
            int torn = at != null && at.kind() == RequestKind.WRITE && at.count() > 1 && rnd.nextBoolean()
                    ? 1 + rnd.nextInt((int) at.count() - 1) : 0;
            String where = "crash on " + cow + " before " + (at == null ? "the end" : at.describe() + " (step "
                    + (at.step() + 1) + ")") + (torn > 0 ? ", torn: " + torn + " sectors landed" : "");
            counts.merge("crash-points", 1L, Long::sum);
            Disk modelImage = CrashImage.at(modelStart, modelLog, k, torn);
            SparseImage engineImage = DurableImage.crashAt(engineStart, engineLog, k, torn);
            Optional<String> d = ImageComparison.firstDifference(modelImage, engineImage);
            if (d.isPresent()) {
                return Optional.of(new Finding("crash:image-differs", where + ": " + d.get()));
            }
            Optional<Finding> f = reload.check(modelImage, engineImage, where, counts);
            if (f.isEmpty() && properties.judged()) {
                f = properties.check(modelImage, reload.script().commands().subList(0, 3),
                        at == null ? Integer.MAX_VALUE : at.step(), where);
                counts.merge("crash-points-with-model-properties", 1L, Long::sum);
            }
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }

    /** The reload of {@code cow}: with the chunk size the script first gave a store there (8 if none), on its origin. */
    private CrashReload reloadFor(Script script, List<ModelState> states, String cow) {
        long chunk = 0;
        String origin = null;
        for (int j = 0; j < states.size() && chunk == 0; j++) {
            for (SnapshotTarget s : ModelCows.on(states.get(j), cow)) {
                origin = origin == null ? s.originDisk() : origin;
                if (chunk == 0 && s.store().chunkSize() > 0) {
                    chunk = s.store().chunkSize();
                }
            }
        }
        return new CrashReload(bugs, cow, ModelCows.declaredSectors(script, cow), origin,
                ModelCows.declaredSectors(script, origin), chunk == 0 ? 8 : chunk);
    }
}
