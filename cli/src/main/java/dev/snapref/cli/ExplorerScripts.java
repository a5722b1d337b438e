package dev.snapref.cli;

import dev.snapref.model.explore.Explorer;
import dev.snapref.model.explore.ExplorerConfig;
import dev.snapref.scenario.Script;
import java.util.List;

/**
 * Scripts derived from the model explorer's state graph: the explorer searches the default
 * configuration to {@code depth} and hands out the shortest script to up to {@link #LIMIT}
 * leaves of its search tree (states whose successors were all seen before), so a conformance
 * run walks the explored graph's frontier on the candidate too; then LVM's world (linear stacks,
 * merges) to {@link #STACKED_DEPTH} at most, for up to a quarter as many scripts.
 */
final class ExplorerScripts {
    /** At most this many explorer scripts per run (each a few commands long). */
    static final int LIMIT = 400;

    private ExplorerScripts() {
    }

    /** The depth of LVM's world (its alphabet is larger; each level costs more). */
    static final int STACKED_DEPTH = 6;

    static List<Script> derive(int depth) {
        if (depth <= 0) {
            return List.of();
        }
        Explorer explorer = new Explorer(ExplorerConfig.defaults(), Runtime.getRuntime().availableProcessors(),
                dev.snapref.model.explore.ExplorationProgress.NONE);
        explorer.explore(depth);
        List<Script> out = new java.util.ArrayList<>(explorer.leafScripts(LIMIT));
        Explorer stacked = new Explorer(ExplorerConfig.stacks());
        stacked.explore(Math.min(depth, STACKED_DEPTH));
        out.addAll(stacked.leafScripts(LIMIT / 4));
        return out;
    }
}
