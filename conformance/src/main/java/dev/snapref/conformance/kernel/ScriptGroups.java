package dev.snapref.conformance.kernel;

import dev.snapref.scenario.Script;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Deals scripts to parallel guests so that the guests finish at about the same time: the
 * longest scripts first, each to the group with the least work so far (work: commands, which
 * cost about the same each under TCG). Each group keeps its scripts in script order.
 *
 * <p>Guarantees: every script index lands in exactly one group; no group is empty when there are
 * at least as many scripts as groups.
 */
final class ScriptGroups {
    private ScriptGroups() {
    }

    /** The script indexes of each group, ascending within a group. */
    static List<List<Integer>> deal(List<Script> scripts, int groups) {
        assert groups >= 1 : groups;
        int n = Math.min(groups, Math.max(1, scripts.size()));
        List<List<Integer>> out = new ArrayList<>();
        long[] work = new long[n];
        for (int g = 0; g < n; g++) {
            out.add(new ArrayList<>());
        }
        List<Integer> order = IntStream.range(0, scripts.size()).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> -scripts.get(i).commands().size()).thenComparing(i -> i))
                .toList();
        for (int i : order) {
            int least = 0;
            for (int g = 1; g < n; g++) {
                if (work[g] < work[least]) {
                    least = g;
                }
            }
            out.get(least).add(i);
            work[least] += scripts.get(i).commands().size() + 3; // + the per-script cleanup
        }
        out.forEach(l -> l.sort(Comparator.naturalOrder()));
        out.removeIf(List::isEmpty);
        return out;
    }
}
