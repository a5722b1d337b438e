package dev.snapref.conformance.shrink;

import dev.snapref.scenario.Command;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.ScriptError;
import dev.snapref.scenario.ScriptParser;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinks a failing script to a small one that fails the same way: delta debugging (ddmin)
 * over lines, then simpler numbers and labels ({@link CommandSimplifier}), repeated until
 * nothing more can be removed or simplified, or the test budget is spent.
 *
 * <p>Guarantees: the result still satisfies {@code failsTheSameWay}, is a well-formed script
 * (every candidate is printed and parsed again before it is tried), and is never longer than
 * the input. Limits: the result is 1-minimal with respect to the lines and the simplifications
 * tried, not globally minimal; the predicate is called at most {@code maxTests} times.
 */
public final class Shrinker {
    private final Predicate<Script> failsTheSameWay;
    private final int maxTests;
    private int tests;

    public Shrinker(Predicate<Script> failsTheSameWay, int maxTests) {
        this.failsTheSameWay = failsTheSameWay;
        this.maxTests = maxTests;
    }

    /** How many candidates were tried by the last {@link #shrink}. */
    public int testsRun() {
        return tests;
    }

    /** The shrunk script; {@code failing} must itself satisfy the predicate. */
    public Script shrink(Script failing) {
        tests = 0;
        List<Command> current = failing.commands();
        boolean progress = true;
        while (progress && tests < maxTests) {
            List<Command> afterLines = ddmin(failing.name(), current);
            List<Command> afterValues = simplifyValues(failing.name(), afterLines);
            progress = !afterValues.equals(current);
            current = afterValues;
        }
        return Script.of(failing.name(), current);
    }

    private List<Command> ddmin(String name, List<Command> commands) {
        List<Command> current = commands;
        int granularity = 2;
        while (current.size() >= 2 && tests < maxTests) {
            int chunk = (int) Math.ceil(current.size() / (double) granularity);
            boolean removed = false;
            for (int start = 0; start < current.size() && tests < maxTests; start += chunk) {
                List<Command> candidate = new ArrayList<>(current.subList(0, start));
                candidate.addAll(current.subList(Math.min(current.size(), start + chunk), current.size()));
                if (!candidate.isEmpty() && fails(name, candidate)) {
                    current = candidate;
                    granularity = Math.max(granularity - 1, 2);
                    removed = true;
                    break;
                }
            }
            if (!removed) {
                if (granularity >= current.size()) {
                    break;
                }
                granularity = Math.min(current.size(), granularity * 2);
            }
        }
        return current;
    }

    private List<Command> simplifyValues(String name, List<Command> commands) {
        List<Command> current = commands;
        for (int i = 0; i < current.size() && tests < maxTests; i++) {
            for (Command simpler : CommandSimplifier.candidates(current.get(i))) {
                List<Command> candidate = new ArrayList<>(current);
                candidate.set(i, simpler);
                if (fails(name, candidate)) {
                    current = candidate;
                    break;
                }
            }
        }
        for (List<Command> renamed : CommandSimplifier.labelRenamings(current)) {
            if (tests >= maxTests) {
                break;
            }
            if (fails(name, renamed)) {
                current = renamed;
            }
        }
        return current;
    }

    private boolean fails(String name, List<Command> candidate) {
        Script s = Script.of(name, candidate);
        try {
            s = ScriptParser.parse(name, s.render());
        } catch (ScriptError e) {
            return false;
        }
        tests++;
        return failsTheSameWay.test(s);
    }
}
