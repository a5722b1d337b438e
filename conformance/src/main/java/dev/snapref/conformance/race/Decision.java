package dev.snapref.conformance.race;

import java.util.List;

/**
 * One decision of a controlled run: which worker ran next, among which, after which.
 *
 * @param current the worker that ran the step before (-1 at the start)
 * @param enabled the workers that could run, in index order
 * @param chosen  the worker that ran
 * @param where   the schedule point the chosen worker continued from
 */
public record Decision(int current, List<Integer> enabled, int chosen, String where) {
    public Decision {
        enabled = List.copyOf(enabled);
        assert enabled.contains(chosen) : "chose a worker that could not run";
    }

    /** The choice the default rule makes: keep the current worker if it can run, else the first that can. */
    static int byDefault(int current, List<Integer> enabled) {
        return enabled.contains(current) ? current : enabled.get(0);
    }

    /** Whether choosing {@code w} here switches away from a worker that could have gone on. */
    boolean preempts(int w) {
        return current >= 0 && w != current && enabled.contains(current);
    }

    /** Whether this decision preempted. */
    boolean preempted() {
        return preempts(chosen);
    }
}
