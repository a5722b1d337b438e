package dev.snapref.conformance.clause;

import dev.snapref.conformance.refine.AbstractWorld;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.Outcome;
import dev.snapref.scenario.TranscriptStep;

/**
 * One checked step, as clause matchers see it: the command, the reference (model) transcript
 * step, and the abstract world before and after it.
 */
public record StepContext(Command command, TranscriptStep step, AbstractWorld before, AbstractWorld after) {
    public boolean ok() {
        return step.outcome().equals(Outcome.OK);
    }

    public boolean failedWith(String errno) {
        return step.outcome() instanceof Outcome.Error e && e.errno().name().equals(errno);
    }

    public boolean kmsgContains(String text) {
        return step.kmsg().stream().anyMatch(k -> k.contains(text));
    }

    public boolean outputContains(String text) {
        return step.output().stream().anyMatch(o -> o.contains(text));
    }
}
