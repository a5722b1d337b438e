package dev.snapref.conformance.fuzz;

import java.io.PrintStream;

/**
 * A one-line progress bar on standard error: share done, scripts, checked commands per
 * second, clause coverage, failures. Redrawn at most every 500 ms; silent when no stream.
 */
final class ProgressBar {
    private static final int WIDTH = 24;
    private final PrintStream out;
    private final Long scripts;
    private final Double seconds;
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintStream out, Long scripts, Double seconds) {
        this.out = out;
        this.scripts = scripts;
        this.seconds = seconds;
    }

    void update(long n, long commands, int clauses, int failures, long nanos) {
        if (out == null || nanos - lastDraw < 500_000_000L) {
            return;
        }
        lastDraw = nanos;
        double share = scripts != null ? n / (double) scripts : Math.min(1, nanos / 1e9 / seconds);
        int filled = (int) Math.round(share * WIDTH);
        out.printf("\r[%s%s] %3.0f%% %d scripts, %.0f checked commands/s, clauses %d/%d, failures %d ",
                "#".repeat(filled), ".".repeat(WIDTH - filled), share * 100, n, commands * 1e9 / nanos, clauses,
                FuzzCampaign.clausesKnown(), failures);
        out.flush();
        drawn = true;
    }

    void finish() {
        if (out != null && drawn) {
            out.println();
        }
    }
}
