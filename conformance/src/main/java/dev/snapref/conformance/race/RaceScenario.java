package dev.snapref.conformance.race;

import dev.snapref.scenario.Command;
import dev.snapref.scenario.Script;
import java.util.ArrayList;
import java.util.List;

/**
 * A race to explore: commands run in order to build a world ({@code setup}), the operations each
 * thread then issues at once ({@code threads}, each thread's in order), and commands run in order
 * after every thread finished ({@code check}: reads and status lines that show what the race left).
 *
 * <p>Guarantee: a valid scenario has at least two threads, each with at least one operation; the
 * threads issue only commands a process can issue while others run (I/O and dmsetup; no
 * {@code disk}). Every device a thread suspends is resumed by the same thread, so no operation
 * can wait forever on a correct engine.
 */
public record RaceScenario(String name, List<Command> setup, List<List<Command>> threads, List<Command> check) {
    public RaceScenario {
        setup = List.copyOf(setup);
        List<List<Command>> t = new ArrayList<>();
        for (List<Command> ops : threads) {
            if (ops.isEmpty()) {
                throw new IllegalArgumentException("race " + name + ": a thread without operations");
            }
            t.add(List.copyOf(ops));
        }
        if (t.size() < 2) {
            throw new IllegalArgumentException("race " + name + ": needs two threads or more");
        }
        threads = List.copyOf(t);
        check = List.copyOf(check);
    }

    /** How many operations the threads issue in all. */
    public int operations() {
        return threads.stream().mapToInt(List::size).sum();
    }

    /**
     * The scenario as one sequential script: set-up, each thread's operations in thread order,
     * the checks. Any target runs it; it is one of the orders the concurrent run is compared with.
     */
    public Script sequential() {
        List<Command> all = new ArrayList<>(setup);
        threads.forEach(all::addAll);
        all.addAll(check);
        return Script.of(name, all);
    }
}
