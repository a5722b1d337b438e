package dev.snapref.conformance.fault;

import dev.snapref.engine.block.BlockOp;
import dev.snapref.engine.block.DurableImage;
import dev.snapref.engine.block.SparseImage;
import dev.snapref.model.CrashImage;
import dev.snapref.model.Disk;
import dev.snapref.model.Request;
import dev.snapref.model.RequestKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The crash points of one logged disk of a crash-mode run (a cow disk, or the PV beneath stacked
 * cows) and what is checked at each: before every write and flush the model logged there, and
 * after the last request, the model's crash image of the whole disk ({@link CrashImage}) and the
 * engine's ({@link DurableImage}) must be the same bytes (a write of more than one sector torn at
 * random: a prefix lands); then every cow slice on the disk is reloaded from both images
 * ({@link CrashReload}) and the model's reload judged ({@link CrashProperties}).
 *
 * <p>Limits: at most {@value CrashCampaign#MAX_POINTS} points per disk (evenly spread over the
 * log); a crash tears at most the request it happens at.
 *
 * @param disk        the logged disk's name
 * @param modelStart  its content before the script, in the model's terms
 * @param engineStart the same content in the engine's terms
 * @param modelLog    the model's requests to it
 * @param engineLog   the engine's requests to it
 * @param pv          whether it is a disk beneath stacked cows (counted apart)
 */
record CrashPoints(String disk, Disk modelStart, SparseImage engineStart, List<Request> modelLog,
                   List<BlockOp> engineLog, boolean pv) {
    /**
     * One cow slice on the disk: its reload and the judgement of the model's, for crashes from
     * step {@code from} on (the first step after which a snapshot uses the slice: before it, the
     * slice is another part of the disk, e.g. free space of the volume group).
     */
    record SliceCheck(CrashReload reload, CrashProperties properties, int from) {
    }

    /** Checks every crash point against every slice; the first finding. */
    Optional<Finding> check(List<SliceCheck> slices, Random rnd, Map<String, Long> counts) {
        List<Integer> points = new ArrayList<>();
        for (Request r : modelLog) {
            if (r.kind() != RequestKind.READ) {
                points.add(r.index());
            }
        }
        points.add(modelLog.size());
        int stride = Math.max(1, (points.size() + CrashCampaign.MAX_POINTS - 1) / CrashCampaign.MAX_POINTS);
        for (int p = 0; p < points.size(); p += stride) {
            Optional<Finding> f = at(points.get(p), slices, rnd, counts);
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }

    /** The crash just before request {@code k} (after the last one: {@code k == modelLog.size()}). */
    private Optional<Finding> at(int k, List<SliceCheck> slices, Random rnd, Map<String, Long> counts) {
        Request at = k < modelLog.size() ? modelLog.get(k) : null;
        int torn = at != null && at.kind() == RequestKind.WRITE && at.count() > 1 && rnd.nextBoolean()
                ? 1 + rnd.nextInt((int) at.count() - 1) : 0;
        String where = "crash on " + disk + " before " + (at == null ? "the end" : at.describe() + " (step "
                + (at.step() + 1) + ")") + (torn > 0 ? ", torn: " + torn + " sectors landed" : "");
        counts.merge("crash-points", 1L, Long::sum);
        if (pv) {
            counts.merge("crash-points-on-pvs", 1L, Long::sum);
        }
        Disk modelImage = CrashImage.at(modelStart, modelLog, k, torn);
        SparseImage engineImage = DurableImage.crashAt(engineStart, engineLog, k, torn);
        Optional<String> d = ImageComparison.firstDifference(modelImage, engineImage);
        if (d.isPresent()) {
            return Optional.of(new Finding("crash:image-differs", where + ": " + d.get()));
        }
        int step = at == null ? Integer.MAX_VALUE : at.step();
        for (SliceCheck s : slices) {
            if (step < s.from()) {
                continue;
            }
            String here = s.reload().slice().stacked() ? where + ", reloading " + s.reload().slice() : where;
            Optional<Finding> f = s.reload().check(modelImage, engineImage, here, counts);
            if (s.reload().slice().stacked()) {
                counts.merge("stacked-reloads", 1L, Long::sum);
            }
            if (f.isEmpty() && s.properties().judges(step)) {
                f = s.properties().check(modelImage, s.reload().setup(), step, here);
                counts.merge("crash-points-with-model-properties", 1L, Long::sum);
            }
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }
}
