package dev.snapref.cli;

import dev.snapref.model.explore.ExplorationProgress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The explorer's one-line progress bar on standard error: the level being built and the share of
 * the previous level expanded, distinct states so far, states per second and the heap in use.
 * Redrawn at most every 500 ms and at the end of every level; a final newline from {@link #finish}.
 */
final class ExploreProgressBar implements ExplorationProgress {
    private static final int WIDTH = 24;
    private final PrintStream out;
    private long lastDraw = Long.MIN_VALUE;
    private boolean drawn;

    ExploreProgressBar(PrintStream out) {
        this.out = out;
    }

    @Override
    public void update(int level, int depth, long expanded, long toExpand, long states, long nanos) {
        boolean levelDone = expanded == toExpand;
        if (!levelDone && nanos - lastDraw < 500_000_000L) {
            return;
        }
        lastDraw = nanos;
        double share = toExpand == 0 ? 1 : expanded / (double) toExpand;
        int filled = (int) Math.round(share * WIDTH);
        Runtime rt = Runtime.getRuntime();
        out.printf(Locale.ROOT, "\r[%s%s] level %d/%d %3.0f%%, %,d states, %,.0f states/s, heap %,d MiB ",
                "#".repeat(filled), ".".repeat(WIDTH - filled), level, depth, share * 100, states,
                states * 1e9 / Math.max(1, nanos), (rt.totalMemory() - rt.freeMemory()) >> 20);
        out.flush();
        drawn = true;
    }

    /** Ends the bar's line, if it drew one. */
    void finish() {
        if (drawn) {
            out.println();
            out.flush();
        }
    }
}
