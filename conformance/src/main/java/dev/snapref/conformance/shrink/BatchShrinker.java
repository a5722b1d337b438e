package dev.snapref.conformance.shrink;

import dev.snapref.scenario.Command;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.ScriptError;
import dev.snapref.scenario.ScriptParser;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The {@link Shrinker} for targets where one test is costly but many tests cost little more
 * than one (the kernel: one QEMU boot runs many scripts, guests run in parallel): delta
 * debugging where each round's candidates (every complement of the current granularity, or every
 * single-command simplification) are tested together in one batch, and the first candidate in
 * order that still fails the same way is taken.
 *
 * <p>Guarantees: the result satisfies the predicate (it is {@code failing} itself or a tested
 * candidate), is well-formed (each candidate is printed and parsed again) and never longer
 * than the input. Limits: 1-minimal in lines only when the batch budget allows; at most
 * {@code maxBatches} calls of {@code test}; the same ddmin steps as {@link Shrinker} but a
 * round costs one batch, so a 40-line script shrinks in some 10 to 20 batches.
 */
public final class BatchShrinker {
    private final Function<List<Script>, List<Boolean>> test;
    private final int maxBatches;
    private int batches;
    private int tests;

    /**
     * @param test       answers, for each script of a batch in order, whether it still fails the
     *                   same way; must return one answer per script
     * @param maxBatches the most calls of {@code test}
     */
    public BatchShrinker(Function<List<Script>, List<Boolean>> test, int maxBatches) {
        this.test = test;
        this.maxBatches = maxBatches;
    }

    /** Batches run by the last {@link #shrink}. */
    public int batchesRun() {
        return batches;
    }

    /** Candidate scripts tested by the last {@link #shrink}. */
    public int testsRun() {
        return tests;
    }

    /** The shrunk script; {@code failing} must itself satisfy the predicate. */
    public Script shrink(Script failing) {
        batches = 0;
        tests = 0;
        List<Command> current = failing.commands();
        boolean progress = true;
        while (progress && batches < maxBatches) {
            List<Command> after = simplify(failing.name(), ddmin(failing.name(), current));
            progress = after.size() < current.size() || !after.equals(current);
            current = after;
        }
        return Script.of(failing.name(), current);
    }

    private List<Command> ddmin(String name, List<Command> commands) {
        List<Command> current = commands;
        int granularity = 2;
        while (current.size() >= 2 && batches < maxBatches) {
            int chunk = (int) Math.ceil(current.size() / (double) granularity);
            List<List<Command>> candidates = new ArrayList<>();
            for (int start = 0; start < current.size(); start += chunk) {
                List<Command> c = new ArrayList<>(current.subList(0, start));
                c.addAll(current.subList(Math.min(current.size(), start + chunk), current.size()));
                if (!c.isEmpty()) {
                    candidates.add(c);
                }
            }
            List<Command> hit = firstFailing(name, candidates);
            if (hit != null) {
                assert hit.size() < current.size() : "a complement is shorter";
                current = hit;
                granularity = Math.max(granularity - 1, 2);
            } else if (granularity >= current.size()) {
                break;
            } else {
                granularity = Math.min(current.size(), granularity * 2);
            }
        }
        return current;
    }

    /** One batch of every single-command simplification and the label renamings; the first that fails is kept. */
    private List<Command> simplify(String name, List<Command> commands) {
        if (batches >= maxBatches) {
            return commands;
        }
        List<List<Command>> candidates = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            for (Command simpler : CommandSimplifier.candidates(commands.get(i))) {
                List<Command> c = new ArrayList<>(commands);
                c.set(i, simpler);
                candidates.add(c);
            }
        }
        candidates.addAll(CommandSimplifier.labelRenamings(commands));
        List<Command> hit = firstFailing(name, candidates);
        return hit == null ? commands : hit;
    }

    /** Tests the well-formed candidates in one batch; the first failing one, or null. */
    private List<Command> firstFailing(String name, List<List<Command>> candidates) {
        List<Script> scripts = new ArrayList<>();
        List<List<Command>> kept = new ArrayList<>();
        for (List<Command> c : candidates) {
            try {
                scripts.add(ScriptParser.parse(name, Script.of(name, c).render()));
                kept.add(c);
            } catch (ScriptError e) {
                // not a script any more: never tried
            }
        }
        if (scripts.isEmpty() || batches >= maxBatches) {
            return null;
        }
        batches++;
        tests += scripts.size();
        List<Boolean> fails = test.apply(scripts);
        if (fails.size() != scripts.size()) {
            throw new IllegalStateException("the batch test answered " + fails.size() + " of " + scripts.size());
        }
        for (int i = 0; i < fails.size(); i++) {
            if (fails.get(i)) {
                return scripts.get(i).commands();
            }
        }
        return null;
    }
}
