package dev.snapref.conformance.batch;

import dev.snapref.conformance.diff.Divergence;
import dev.snapref.conformance.diff.TranscriptComparison;
import dev.snapref.conformance.kernel.KernelScriptResult;
import dev.snapref.conformance.kernel.KernelTarget;
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

    public BatchChecker(Target model, Target candidate) {
        this.model = model;
        this.candidate = candidate;
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
                    Optional.of(e.getMessage()));
        }
        if (run.isEmpty()) {
            return new BatchOutcome(s, Optional.of(ref), Optional.empty(), Optional.empty(), problem);
        }
        Optional<Divergence> d = TranscriptComparison.compare(s, model.name(), ref, candidate.name(),
                run.get().transcript());
        return new BatchOutcome(s, Optional.of(ref), Optional.of(run.get().transcript()), d, Optional.empty());
    }

    /**
     * Shrinks a diverging script on the candidate: the smallest script found that still diverges
     * from the model with the same signature, within {@code maxBatches} batches (boots).
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
