package dev.snapref.conformance.conform;

import dev.snapref.conformance.clause.StepContext;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.conformance.targets.TargetSession;
import dev.snapref.model.WorldAbstraction;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.TranscriptStep;

import java.util.function.Consumer;

/**
 * Runs a script on the model and hands each step's context (the command, the model's transcript
 * step, the worlds before and after) to a consumer as it happens, so clause evidence is gathered
 * step by step even when a later step leaves the model's scope
 * ({@link dev.snapref.conformance.targets.OutOfScope} propagates to the caller).
 */
final class ModelSteps {
    private ModelSteps() {
    }

    static void run(SteppableTarget model, Script script, Consumer<StepContext> each) {
        try (TargetSession m = model.open()) {
            WorldAbstraction before = m.world();
            for (Command c : script.commands()) {
                TranscriptStep step = m.apply(c);
                WorldAbstraction after = m.world();
                each.accept(new StepContext(c, step, before, after));
                before = after;
            }
        }
    }
}
