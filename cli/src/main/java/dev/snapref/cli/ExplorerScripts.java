package dev.snapref.cli;

import dev.snapref.model.explore.Explorer;
import dev.snapref.model.explore.ExplorerConfig;
import dev.snapref.scenario.Script;
import java.util.List;

/**
 * Scripts derived from the model explorer's state graph: the explorer searches the default
 * configuration to {@code depth} and hands out the shortest script to up to {@link #LIMIT}
 * leaves of its search tree (states whose successors were all seen before), so a conformance
 * run walks the explored graph's frontier on the candidate too.
 */
final class ExplorerScripts {
    /** At most this many explorer scripts per run (each a few commands long). */
    static final int LIMIT = 400;

    private ExplorerScripts() {
    }

    static List<Script> derive(int depth) {
        if (depth <= 0) {
            return List.of();
        }
        Explorer explorer = new Explorer(ExplorerConfig.defaults(), Runtime.getRuntime().availableProcessors(),
                dev.snapref.model.explore.ExplorationProgress.NONE);
        explorer.explore(depth);
        return explorer.leafScripts(LIMIT);
    }
}
