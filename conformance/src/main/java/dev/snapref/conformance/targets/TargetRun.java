package dev.snapref.conformance.targets;

import dev.snapref.engine.block.SparseImage;
import dev.snapref.scenario.Transcript;
import java.util.List;
import java.util.Map;

/**
 * The result of one script on one target: its transcript, the final raw image of each declared
 * disk (empty for targets that do not hold bytes, such as the model), and what the target's own
 * API answered wrongly on the way where the transcript cannot show it ({@code apiProblems}: one
 * line each, e.g. a read that returned another count than the sectors it read; empty for the
 * model and the kernel). Images are sparse ({@link SparseImage}): a disk of any size costs memory
 * in proportion to its data. A run with an API problem has diverged from the contract even when
 * its transcript matches.
 */
public record TargetRun(Transcript transcript, Map<String, SparseImage> disks, List<String> apiProblems) {
    public TargetRun {
        disks = Map.copyOf(disks);
        apiProblems = List.copyOf(apiProblems);
    }

    /** A run whose target checks nothing of its API beyond the transcript. */
    public TargetRun(Transcript transcript, Map<String, SparseImage> disks) {
        this(transcript, disks, List.of());
    }
}
