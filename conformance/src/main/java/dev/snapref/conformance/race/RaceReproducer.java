package dev.snapref.conformance.race;

import dev.snapref.engine.kernel.EngineBug;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The reproducer of a failing race: its header (what to run it with, what differed, the
 * interleaving step by step: which thread ran from which schedule point), then the race as text
 * with its schedule ({@link RaceText}). {@code snapref race --replay FILE [--bug NAME]} runs it
 * again; without the schedule line it is an ordinary script of the operations one after another.
 */
public final class RaceReproducer {
    /** The first line of every race reproducer. */
    public static final String MAGIC = "snapref race reproducer";

    private RaceReproducer() {
    }

    /** The bug switches a reproducer's {@code # bug:} header names (empty for none or no header). */
    public static Set<EngineBug> bugs(String text) {
        for (String line : text.split("\n")) {
            if (line.startsWith("# bug: ")) {
                String v = line.substring("# bug: ".length()).strip();
                if (v.equals("none")) {
                    return Set.of();
                }
                Set<EngineBug> out = new java.util.HashSet<>();
                for (String id : v.split(",")) {
                    out.add(EngineBug.byId(id.strip()));
                }
                return out;
            }
        }
        return Set.of();
    }

    static String render(RaceScenario sc, RaceRun run, String verdict, long seed, Set<EngineBug> bugs) {
        List<String> h = new ArrayList<>();
        h.add(MAGIC + ": snapref race --replay FILE" + bugs.stream().map(b -> " --bug " + b.id()).reduce("", String::concat));
        h.add("scenario: " + sc.name() + " (seed " + seed + ")");
        h.add("bug: " + (bugs.isEmpty() ? "none" : String.join(",", bugs.stream().map(EngineBug::id).sorted().toList())));
        h.add("differs: " + verdict);
        int threads = sc.threads().size();
        if (run.decisions().stream().anyMatch(d -> d.chosen() >= threads)) {
            h.add("threads past " + threads + " are the engine's background workers (the merge), numbered in the order"
                    + " they started");
        }
        h.add("interleaving (" + run.preemptions() + " preemptions; each line: the thread that ran, from where):");
        int i = 1;
        for (Decision d : run.decisions()) {
            h.add(String.format("  %3d  thread %d  %s%s", i++, d.chosen() + 1, d.where(), d.preempted() ? "  (preempts thread "
                    + (d.current() + 1) + ")" : ""));
        }
        return RaceText.render(sc, Optional.of(run.schedule()), h);
    }
}
