package dev.snapref.conformance.conform;

import dev.snapref.conformance.check.CheckResult;
import dev.snapref.conformance.check.DifferentialChecker;
import dev.snapref.conformance.check.Failure;
import dev.snapref.conformance.check.FailureKind;
import dev.snapref.conformance.guard.Severity;
import dev.snapref.conformance.guard.ThrowableDigest;
import dev.snapref.conformance.report.TextPair;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.conformance.targets.TargetSession;
import dev.snapref.model.WorldAbstraction;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.Script;
import java.util.List;
import java.util.Optional;

/**
 * Re-runs a failing script to show its failure: the checked run (both transcripts, the first
 * failure) and the two abstract states of the failing step, each taken by stepping fresh sessions
 * of the model and the candidate up to that step.
 *
 * <p>Guarantee: never throws for the code under test: a candidate that throws while its state is
 * taken shows the exception in place of its state (a {@link Severity#FAILURE}; interruptions and
 * fatal errors pass). Limits: the re-run is a new run, so a failure that depends on timing may not
 * show again (then {@link #replay} is empty); it counts as no evidence (the checker has no observer).
 */
final class StepReplay {
    /** What a re-run showed: the checked run, its failure and the abstract states of the failing step. */
    record Replayed(CheckResult result, Failure failure, TextPair states, String referenceName,
                    String candidateName) {
    }

    private final SteppableTarget model;
    private final SteppableTarget candidate;
    private final DifferentialChecker checker;

    StepReplay(SteppableTarget model, SteppableTarget candidate) {
        this.model = model;
        this.candidate = candidate;
        this.checker = new DifferentialChecker(model, candidate, true);
    }

    /** The re-run of {@code script}, when it still fails. */
    Optional<Replayed> replay(Script script) {
        CheckResult r = checker.check(script);
        if (r.failure().isEmpty()) {
            return Optional.empty();
        }
        Failure f = r.failure().get();
        return Optional.of(new Replayed(r, f, states(script, f), model.name(), candidate.name()));
    }

    /**
     * The states around failure {@code f} of {@code script}: for an invariant, the model's before and
     * after the step; otherwise the model's and the candidate's after it (before it, for a crash).
     */
    TextPair states(Script script, Failure f) {
        List<Command> commands = script.commands();
        int last = Math.min(f.step(), commands.size() - 1);
        boolean invariant = f.kind() == FailureKind.INVARIANT;
        boolean crash = f.kind() == FailureKind.CRASH;
        String[] m = run(model, commands, last, crash);
        String at = f.kind() == FailureKind.DATA ? "at the end" : (crash ? "before step " : "after step ") + (f.step() + 1);
        if (invariant) {
            return new TextPair("model before step " + (f.step() + 1), m[0], "model after step " + (f.step() + 1), m[1]);
        }
        String[] c = run(candidate, commands, last, crash);
        return new TextPair(model.name() + " " + at, m[1], candidate.name() + " " + at, c[1]);
    }

    /** Steps {@code t} through command {@code last} (exclusive when {@code before}); its state before and after. */
    private static String[] run(SteppableTarget t, List<Command> commands, int last, boolean before) {
        String[] out = {"", ""};
        try (TargetSession s = t.open()) {
            WorldAbstraction w = s.world();
            for (int i = 0; i <= last; i++) {
                if (i == last) {
                    out[0] = AbstractStateText.render(w);
                    if (before) {
                        out[1] = out[0];
                        return out;
                    }
                }
                s.apply(commands.get(i));
                w = s.world();
            }
            out[1] = AbstractStateText.render(w);
        } catch (Throwable e) {
            Severity.rethrowIfNotFailure(e);
            String threw = "(" + t.name() + " threw " + ThrowableDigest.of(e).headline() + ")\n";
            out[0] = out[0].isEmpty() ? threw : out[0];
            out[1] = threw;
        }
        return out;
    }
}
