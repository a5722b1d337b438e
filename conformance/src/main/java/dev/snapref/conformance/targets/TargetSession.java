package dev.snapref.conformance.targets;

import dev.snapref.model.WorldAbstraction;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.SectorContent;
import dev.snapref.scenario.TranscriptStep;
import java.util.List;
import java.util.Optional;

/**
 * A running world of one target that takes commands one at a time, for checks made after
 * every step (transcripts, invariants, refinement).
 */
public interface TargetSession extends AutoCloseable {
    /** Applies one command and returns exactly what the transcript prints for it. */
    TranscriptStep apply(Command command);

    /**
     * The abstract state now, in the model's one description of it (devices, tables, flags,
     * exception maps): what the refinement check compares with the model's after every step.
     */
    WorldAbstraction world();

    /** The content of {@code count} sectors of disk {@code disk} from {@code first}, as reads classify them. */
    List<SectorContent> diskContents(String disk, long first, int count);

    /**
     * Sector ranges of {@code disk}, as sorted {@code {start, end}} pairs (end exclusive), outside
     * which every sector reads as zero: a superset of what was ever written. Empty when the
     * target cannot tell, and then every sector must be compared.
     */
    default Optional<List<long[]>> nonZeroRanges(String disk) {
        return Optional.empty();
    }

    @Override
    default void close() {
    }
}
