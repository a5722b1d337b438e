package dev.snapref.conformance.targets;

import dev.snapref.engine.block.SparseImage;
import dev.snapref.scenario.Transcript;
import java.util.Map;

/**
 * The result of one script on one target: its transcript and the final raw image of each
 * declared disk (empty for targets that do not hold bytes, such as the model). Images are sparse
 * ({@link SparseImage}): a disk of any size costs memory in proportion to its data.
 */
public record TargetRun(Transcript transcript, Map<String, SparseImage> disks) {
    public TargetRun {
        disks = Map.copyOf(disks);
    }
}
