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
 * @param explained  why the transcripts differ without a divergence ({@link Explained#NONE} when
 *                   they are equal, or diverge, or were not both run)
 */
public record BatchOutcome(Script script, Optional<Transcript> model, Optional<Transcript> candidate,
                           Optional<Divergence> divergence, Optional<String> problem, Explained explained) {
    public BatchOutcome {
        assert explained == Explained.NONE || divergence.isEmpty() : "a divergence that is explained";
    }

    /** What makes a target's transcript that differs from the model's reference one no divergence. */
    public enum Explained {
        /** Nothing: equal, diverging, or not comparable. */
        NONE,
        /** The kernel series' known differences turn it into the model's. */
        KNOWN_DIFFERENCE,
        /**
         * It is the model's transcript under another outcome of a race the model states (with the
         * known differences applied, if any).
         */
        OTHER_RACE_OUTCOME
    }

    /** The transcripts differ only as the known differences state. */
    public boolean knownOnly() {
        return explained == Explained.KNOWN_DIFFERENCE;
    }

    /** The target took another outcome of a race the model states. */
    public boolean otherRaceOutcome() {
        return explained == Explained.OTHER_RACE_OUTCOME;
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
