package dev.snapref.conformance.race;

import java.util.ArrayList;
import java.util.List;

/**
 * The choices of a controlled run, one worker index per decision; past its end the default rule
 * ({@link Decision#byDefault}) decides. Printed with threads numbered from 1, as reproducers
 * name them: {@code 2 1 1 2}.
 */
public record Schedule(List<Integer> choices) {
    public static final Schedule DEFAULT = new Schedule(List.of());

    public Schedule {
        choices = List.copyOf(choices);
    }

    /** The worker to run at decision {@code index}; a forced choice that cannot run is an error. */
    int choose(int index, int current, List<Integer> enabled) {
        if (index >= choices.size()) {
            return Decision.byDefault(current, enabled);
        }
        int c = choices.get(index);
        if (!enabled.contains(c)) {
            throw new IllegalArgumentException("schedule does not fit the run: at decision " + (index + 1)
                    + " thread " + (c + 1) + " cannot run (can: " + render(enabled) + ")");
        }
        return c;
    }

    /** Like {@link #choose}, but a forced choice that cannot run gives way to the default rule. */
    int chooseLeniently(int index, int current, List<Integer> enabled) {
        if (index < choices.size() && enabled.contains(choices.get(index))) {
            return choices.get(index);
        }
        return Decision.byDefault(current, enabled);
    }

    /** This schedule extended by one choice. */
    Schedule then(int worker) {
        List<Integer> l = new ArrayList<>(choices);
        l.add(worker);
        return new Schedule(l);
    }

    /** The threads numbered from 1, space separated. */
    public String render() {
        return render(choices);
    }

    private static String render(List<Integer> workers) {
        StringBuilder sb = new StringBuilder();
        for (int w : workers) {
            sb.append(sb.length() == 0 ? "" : " ").append(w + 1);
        }
        return sb.toString();
    }

    /**
     * Engine workers (the merge) a schedule may name beyond the scenario's threads: they are
     * numbered after the threads, in the order the run started them.
     */
    public static final int MAX_ENGINE_WORKERS = 8;

    /**
     * Parses {@link #render()}'s form; thread numbers must lie in 1..{@code threads} plus
     * {@link #MAX_ENGINE_WORKERS} (whether a number fits a run is checked when it runs).
     */
    public static Schedule parse(String text, int threads) {
        int max = threads + MAX_ENGINE_WORKERS;
        List<Integer> out = new ArrayList<>();
        for (String w : text.trim().split("\\s+")) {
            if (w.isEmpty()) {
                continue;
            }
            int n;
            try {
                n = Integer.parseInt(w);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("schedule: '" + w + "' is not a thread number");
            }
            if (n < 1 || n > max) {
                throw new IllegalArgumentException("schedule: thread " + n + " out of 1.." + max + " (" + threads
                        + " threads, then up to " + MAX_ENGINE_WORKERS + " engine workers)");
            }
            out.add(n - 1);
        }
        return new Schedule(out);
    }
}
