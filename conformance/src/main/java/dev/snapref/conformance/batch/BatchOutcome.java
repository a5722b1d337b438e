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
 * @param candidate  the target's transcript as it printed it (empty when the target did not run it)
 * @param divergence where the two first differ, if they do, once the known differences of the
 *                   target's kernel series are applied to its transcript (the first difference
 *                   they do not explain)
 * @param problem    why the target's transcript is not comparable (it did not run to its end), or
 *                   why the model could not run the script
 * @param knownOnly  the transcripts differ, but only as the known differences state (no
 *                   divergence then)
 */
public record BatchOutcome(Script script, Optional<Transcript> model, Optional<Transcript> candidate,
                           Optional<Divergence> divergence, Optional<String> problem, boolean knownOnly) {
    public BatchOutcome {
        assert !(knownOnly && divergence.isPresent()) : "a divergence the known differences explain";
    }

    /** True when both ran the script to its end and their transcripts differ. */
    public boolean diverged() {
        return divergence.isPresent();
    }

    /** The divergence's signature ({@link Signatures#of}); empty when none. */
    public Optional<String> signature() {
        return divergence.map(Signatures::of);
    }
}
