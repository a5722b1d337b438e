package dev.snapref.conformance.clause;

import dev.snapref.model.WorldAbstraction;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.Outcome;
import dev.snapref.scenario.TranscriptStep;
import java.util.regex.Pattern;

/**
 * One checked step, as clause matchers see it: the command, the reference (model) transcript
 * step, and the abstract world before and after it.
 */
public record StepContext(Command command, TranscriptStep step, WorldAbstraction before, WorldAbstraction after) {
    public boolean ok() {
        return step.outcome().equals(Outcome.OK);
    }

    public boolean failedWith(String errno) {
        return step.outcome() instanceof Outcome.Error e && e.errno().name().equals(errno);
    }

    public boolean kmsgContains(String text) {
        for (String k : step.kmsg()) {
            if (k.contains(text)) {
                return true;
            }
        }
        return false;
    }

    public boolean outputContains(String text) {
        for (String o : step.output()) {
            if (o.contains(text)) {
                return true;
            }
        }
        return false;
    }

    /** Whether some output line ends with {@code suffix}. */
    public boolean outputEndsWith(String suffix) {
        for (String o : step.output()) {
            if (o.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /** Whether some output line matches {@code pattern} as a whole. */
    public boolean outputMatches(Pattern pattern) {
        for (String o : step.output()) {
            if (pattern.matcher(o).matches()) {
                return true;
            }
        }
        return false;
    }
}
