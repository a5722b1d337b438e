package dev.snapref.conformance.fault;

import dev.snapref.conformance.check.CheckResult;
import dev.snapref.conformance.check.DifferentialChecker;
import dev.snapref.conformance.check.Failure;
import dev.snapref.conformance.targets.engine.EngineTarget;
import dev.snapref.conformance.targets.model.ModelTarget;
import dev.snapref.engine.block.SparseImage;
import dev.snapref.engine.block.FaultAtlas;
import dev.snapref.engine.block.FaultyBlockDevice;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.model.BlockRequests;
import dev.snapref.model.Disk;
import dev.snapref.model.FaultPlan;
import dev.snapref.model.ModelState;
import dev.snapref.scenario.Script;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One script run on the model and on the engine under the same fault plan, from the same disk
 * contents, judged exactly as the differential checker judges any run ({@link DifferentialChecker}:
 * identical transcript steps - outcome, errno, output and kernel messages - at every step, the
 * model's invariants, refinement of the engine's abstract state, every disk's data labels at the
 * end), and then more strictly on the tracked disks: the same block requests in the same order
 * (kind, index, range, FUA, data bytes), the same faults fired, and at the end the same bytes.
 *
 * <p>Guarantees: never throws for the engine's misbehaviour (the checker turns a throwing target
 * into a failure); a finding's signature is {@code MODE:KIND:KEY}, stable under shrinking. Limits:
 * only the tracked disks are compared request by request and byte by byte; the others by labels.
 */
final class FaultedRun {
    /** What a run gave: the check, both sides' records, and the first finding. */
    record Outcome(CheckResult check, BlockRequests model, FaultyDisks engine, Optional<Finding> finding) {
        /** The model's state after the last step. */
        ModelState modelState() {
            return model.state();
        }
    }

    private FaultedRun() {
    }

    /**
     * Runs {@code script} with the {@code tracked} disks logged on both sides, {@code plan} (null:
     * none) applied to its disk, the model's disks starting from {@code modelDisks} and the engine's
     * from {@code engineImages} (the same content, given in each side's terms).
     */
    static Outcome run(String mode, Script script, Set<EngineBug> bugs, Set<String> tracked, FaultPlan plan,
                       Map<String, Disk> modelDisks, Map<String, SparseImage> engineImages) {
        BlockRequests io = BlockRequests.traced(tracked, plan, modelDisks);
        Map<String, FaultAtlas> atlases = new HashMap<>();
        for (String d : tracked) {
            atlases.put(d, plan != null && plan.disk().equals(d) ? FaultAtlas.parse(plan.rulesText()) : FaultAtlas.NONE);
        }
        FaultyDisks disks = new FaultyDisks(atlases, engineImages);
        CheckResult r = new DifferentialChecker(new ModelTarget(() -> io), new EngineTarget(bugs, disks), true)
                .check(script);
        return new Outcome(r, io, disks, judge(mode, r, io, disks, plan, new TreeSet<>(tracked)));
    }

    private static Optional<Finding> judge(String mode, CheckResult r, BlockRequests io, FaultyDisks disks,
                                           FaultPlan plan, Set<String> tracked) {
        if (r.outOfScope().isPresent()) {
            return Optional.empty();
        }
        int failedAt = r.failure().map(Failure::step).orElse(Integer.MAX_VALUE);
        for (String d : tracked) {
            FaultyBlockDevice dev = disks.device(d);
            Optional<RequestComparison.Difference> diff =
                    RequestComparison.compare(d, io.log(d), dev == null ? List.of() : dev.log());
            if (diff.isPresent() && diff.get().modelStep() <= failedAt) {
                return Optional.of(new Finding(mode + ":requests-diverged", diff.get().text()
                        + r.failure().map(f -> "\nthen " + f.kind() + " at step " + (f.step() + 1) + ": "
                        + head(f.detail())).orElse("")));
            }
        }
        if (r.failure().isPresent()) {
            Failure f = r.failure().get();
            return Optional.of(new Finding(mode + ":" + f.signature(), "step " + (f.step() + 1) + " (" + f.command()
                    + "): " + f.kind() + "\n" + f.detail()));
        }
        FaultyBlockDevice planned = plan == null ? null : disks.device(plan.disk());
        List<String> engineFired = planned == null ? List.of() : planned.fired();
        if (!engineFired.equals(io.fired())) {
            return Optional.of(new Finding(mode + ":faults-differ", "model fired " + io.fired() + ", engine "
                    + engineFired));
        }
        for (String d : tracked) {
            FaultyBlockDevice dev = disks.device(d);
            if (dev != null && io.state().disk(d) != null) {
                Optional<String> bytes = ImageComparison.firstDifference(io.state().disk(d),
                        SparseImage.of(dev.inner()));
                if (bytes.isPresent()) {
                    return Optional.of(new Finding(mode + ":bytes-differ", "end of script: " + bytes.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** The first lines of a failure's detail (a stack trace is long). */
    private static String head(String detail) {
        String[] lines = detail.split("\n");
        return String.join("\n", Arrays.asList(lines).subList(0, Math.min(lines.length, 12)));
    }
}
