package dev.snapref.conformance.batch;

import dev.snapref.conformance.diff.Divergence;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.Transcript;
import java.util.Optional;

/**
 * One script checked on a batch target against the model.
 *
 * @param script     the script
 * @param model      the model's transcript (empty when the script is outside the model's scope)
 * @param candidate  the target's transcript (empty when the target did not run it)
 * @param divergence where the two first differ, if they do
 * @param problem    why the target's transcript is not comparable (it did not run to its end), or
 *                   why the model could not run the script
 */
public record BatchOutcome(Script script, Optional<Transcript> model, Optional<Transcript> candidate,
                           Optional<Divergence> divergence, Optional<String> problem) {
    /** True when both ran the script to its end and their transcripts differ. */
    public boolean diverged() {
        return divergence.isPresent();
    }

    /** The divergence's signature ({@link Signatures#of}); empty when none. */
    public Optional<String> signature() {
        return divergence.map(Signatures::of);
    }
}
