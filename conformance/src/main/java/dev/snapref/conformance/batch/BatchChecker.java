package dev.snapref.conformance.batch;

import dev.snapref.conformance.diff.Divergence;
import dev.snapref.conformance.diff.TranscriptComparison;
import dev.snapref.conformance.kernel.KernelScriptResult;
import dev.snapref.conformance.kernel.KernelTarget;
import dev.snapref.conformance.kernel.KnownDifferences;
import dev.snapref.conformance.shrink.BatchShrinker;
import dev.snapref.conformance.targets.OutOfScope;
import dev.snapref.conformance.targets.Target;
import dev.snapref.conformance.targets.TargetRun;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.Transcript;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs scripts on a batch target (all in one {@code runAll}: several per boot, parallel guests)
 * and on the model, and compares the transcripts; shrinks a divergence on the target.
 *
 * <p>Guarantees: one outcome per script, in order; a script the kernel target did not finish
 * carries its problem and no divergence. Limits: only transcripts are compared (the model
 * holds no bytes), so a kernel that writes other bytes but prints the same is not caught here
 * (the goldens' disk images catch that).
 */
public final class BatchChecker {
    private final Target model;
    private final Target candidate;
    private KnownDifferences known = KnownDifferences.NONE;

    public BatchChecker(Target model, Target candidate) {
        this.model = model;
        this.candidate = candidate;
    }

    /**
     * From now on, compares the target's transcripts with the model's after applying {@code k}
     * (the known differences of its kernel series, known once a guest has booted): an outcome's
     * divergence is the first difference they do not explain, and shrinking keeps that one.
     */
    public void useKnownDifferences(KnownDifferences k) {
        this.known = k;
    }

    /** {@code outcomes} judged again with the known differences now in use (no script runs again). */
    public List<BatchOutcome> rejudge(List<BatchOutcome> outcomes) {
        List<BatchOutcome> out = new ArrayList<>(outcomes.size());
        for (BatchOutcome o : outcomes) {
            out.add(o.model().isEmpty() || o.candidate().isEmpty() ? o
                    : compared(o.script(), o.model().get(), o.candidate().get()));
        }
        return out;
    }

    public Target candidate() {
        return candidate;
    }

    /** Checks every script; the candidate runs them all in one go. */
    public List<BatchOutcome> check(List<Script> scripts) {
        List<Optional<TargetRun>> runs = new ArrayList<>();
        List<Optional<String>> problems = new ArrayList<>();
        if (candidate instanceof KernelTarget k) {
            for (KernelScriptResult r : k.runAllDetailed(scripts)) {
                runs.add(r.complete() ? Optional.of(r.run()) : Optional.empty());
                problems.add(r.problem());
            }
        } else {
            for (TargetRun r : candidate.runAll(scripts)) {
                runs.add(Optional.of(r));
                problems.add(Optional.empty());
            }
        }
        List<BatchOutcome> out = new ArrayList<>();
        for (int i = 0; i < scripts.size(); i++) {
            out.add(outcome(scripts.get(i), runs.get(i), problems.get(i)));
        }
        return out;
    }

    private BatchOutcome outcome(Script s, Optional<TargetRun> run, Optional<String> problem) {
        Transcript ref;
        try {
            ref = model.run(s).transcript();
        } catch (OutOfScope e) {
            return new BatchOutcome(s, Optional.empty(), run.map(TargetRun::transcript), Optional.empty(),
                    Optional.of(e.getMessage()), BatchOutcome.Explained.NONE);
        }
        if (run.isEmpty()) {
            return new BatchOutcome(s, Optional.of(ref), Optional.empty(), Optional.empty(), problem,
                    BatchOutcome.Explained.NONE);
        }
        return compared(s, ref, run.get().transcript());
    }

    /**
     * The model's and the target's transcripts of {@code s} compared: equal; else equal once the
     * known differences are applied; else equal (with them applied) to the model's transcript
     * under another outcome of a race it states ({@link Target#otherOutcomes}); else the first
     * difference from the reference transcript the known differences do not explain.
     */
    private BatchOutcome compared(Script s, Transcript ref, Transcript printed) {
        Optional<Divergence> raw = TranscriptComparison.compare(s, model.name(), ref, candidate.name(), printed);
        if (raw.isEmpty()) {
            return outcome(s, ref, printed, raw, BatchOutcome.Explained.NONE);
        }
        Transcript normalised = known.isEmpty() ? printed : known.normalise(printed);
        Optional<Divergence> d = known.isEmpty() ? raw
                : TranscriptComparison.compare(s, model.name(), ref, candidate.name(), normalised);
        if (d.isEmpty()) {
            return outcome(s, ref, printed, d, BatchOutcome.Explained.KNOWN_DIFFERENCE);
        }
        if (model.isOtherOutcome(s, normalised)) {
            return outcome(s, ref, printed, Optional.empty(), BatchOutcome.Explained.OTHER_RACE_OUTCOME);
        }
        return outcome(s, ref, printed, d, BatchOutcome.Explained.NONE);
    }

    private static BatchOutcome outcome(Script s, Transcript ref, Transcript printed, Optional<Divergence> d,
                                        BatchOutcome.Explained explained) {
        return new BatchOutcome(s, Optional.of(ref), Optional.of(printed), d, Optional.empty(), explained);
    }

    /**
     * Shrinks a diverging script on the candidate: the smallest script found that still diverges
     * from the model with the same signature (after the known differences in use), within
     * {@code maxBatches} batches (boots).
     */
    public BatchOutcome shrink(BatchOutcome failing, int maxBatches) {
        String signature = failing.signature().orElseThrow(() -> new IllegalArgumentException("not a divergence"));
        BatchShrinker shrinker = new BatchShrinker(batch -> check(batch).stream()
                .map(o -> o.signature().map(signature::equals).orElse(false)).toList(), maxBatches);
        Script small = shrinker.shrink(failing.script());
        BatchOutcome again = check(List.of(small)).get(0);
        return again.signature().map(signature::equals).orElse(false) ? again : failing;
    }
}
