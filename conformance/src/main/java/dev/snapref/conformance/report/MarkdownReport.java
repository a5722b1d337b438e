package dev.snapref.conformance.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code report.md}, written to be pasted as a pull-request comment: the verdict line, the
 * failures first ({@link MarkdownFailures}), then the figures, and collapsed: the run notes, the
 * clause table (evidence lists collapsed too) and the handover transitions.
 *
 * <p>Guarantees: at most {@link #LIMIT} characters (GitHub refuses comments over 65536): when the
 * full rendering is longer, failures lose their diffs first, then parts that still do not fit are
 * replaced by one line saying so and pointing to {@code index.html}; the verdict and every failing
 * clause's headline always fit. Every text is escaped ({@link Md}); paths are the report's, made
 * relative by {@link ReportFiles}.
 */
public final class MarkdownReport {
    /** The longest report.md written. */
    public static final int LIMIT = 60_000;

    private MarkdownReport() {
    }

    public static String render(ConformanceReport r) {
        return render(r, LIMIT);
    }

    /** As {@link #render(ConformanceReport)} within {@code limit} characters. */
    static String render(ConformanceReport r, int limit) {
        List<String[]> parts = new ArrayList<>();
        parts.add(new String[] {header(r), header(r)});
        for (ClauseResult c : r.failing()) {
            ClauseTrend t = r.trend().of(c.clause().id());
            parts.add(new String[] {MarkdownFailures.clause(c, t, true), MarkdownFailures.clause(c, t, false)});
        }
        parts.add(new String[] {summary(r), summary(r)});
        parts.add(new String[] {table(r, true), table(r, false)});
        parts.add(new String[] {transitions(r.phaseTransitions()), ""});
        StringBuilder sb = new StringBuilder();
        int reserve = 0;
        for (String[] p : parts) {
            reserve += Math.min(p[1].length(), 300);
        }
        for (String[] p : parts) {
            reserve -= Math.min(p[1].length(), 300);
            int room = limit - sb.length() - reserve;
            if (p[0].length() <= room) {
                sb.append(p[0]);
            } else if (p[1].length() <= room) {
                sb.append(p[1]);
            } else if (!p[1].isEmpty()) {
                String first = p[1].lines().findFirst().orElse("");
                String cut = first + "\n\n_(cut to fit a pull-request comment: see index.html)_\n\n";
                sb.append(cut.length() <= limit - sb.length() ? cut : "");
            }
        }
        return sb.toString();
    }

    private static String header(ConformanceReport r) {
        String verdict = r.passed() ? "PASS" : "FAIL";
        StringBuilder sb = new StringBuilder("## ").append(r.passed() ? "\u2705" : "\u274c")
                .append(" snapref conformance: ").append(Md.text(r.target())).append(" \u2014 ").append(verdict)
                .append("\n\n");
        if (r.bug() != null) {
            sb.append("Bug switch ").append(Md.code(r.bug())).append(". ");
        }
        sb.append(r.count(ClauseStatus.FAIL)).append(" of ").append(r.clauses().size()).append(" clauses fail, ")
                .append(r.count(ClauseStatus.PASS)).append(" pass, ").append(r.count(ClauseStatus.UNCOVERED))
                .append(" uncovered. ").append(Md.text(r.date())).append("\n\n");
        if (r.trend().present()) {
            sb.append("Since the previous report (").append(Md.text(r.trend().previousDate())).append(", ")
                    .append(r.trend().previousPassed() ? "PASS" : "FAIL").append("): ")
                    .append(Md.text(r.trend().summary())).append(".\n\n");
        }
        if (!r.passed()) {
            sb.append("Paths are relative to the report folder; run the replay commands there.\n\n");
        }
        return sb.toString();
    }

    private static String summary(ConformanceReport r) {
        StringBuilder sb = new StringBuilder("### Summary\n\n");
        sb.append(String.format("- clauses: %d pass, %d fail, %d uncovered (of %d)%n", r.count(ClauseStatus.PASS),
                r.count(ClauseStatus.FAIL), r.count(ClauseStatus.UNCOVERED), r.clauses().size()));
        sb.append(String.format("- corpus scenarios: %d (%d diverged); explorer scripts: %d; fuzz scripts: %d%n",
                r.corpusScripts(), r.corpusDiverged(), r.explorerScripts(), r.fuzzScripts()));
        sb.append(String.format("- commands checked: %d in %.1f s (%.0f checked commands/s)%n%n", r.commandsChecked(),
                r.seconds(), r.commandsPerSecond()));
        if (!r.notes().isEmpty()) {
            sb.append("<details><summary>Run notes (").append(r.notes().size()).append(")</summary>\n\n");
            r.notes().forEach(n -> sb.append("- ").append(Md.text(n)).append('\n'));
            sb.append("\n</details>\n\n");
        }
        return sb.toString();
    }

    private static String table(ConformanceReport r, boolean all) {
        boolean trend = r.trend().present();
        StringBuilder sb = new StringBuilder("<details><summary>Clauses (").append(r.clauses().size()).append(": ")
                .append(r.count(ClauseStatus.FAIL)).append(" fail, ").append(r.count(ClauseStatus.PASS))
                .append(" pass, ").append(r.count(ClauseStatus.UNCOVERED)).append(" uncovered)")
                .append(all ? "" : ", failing and changed only").append("</summary>\n\n")
                .append("| clause | status | steps | text | kernel | evidence |").append(trend ? " trend |" : "")
                .append("\n|---|---|---|---|---|---|").append(trend ? "---|" : "").append('\n');
        for (ClauseResult c : r.clauses()) {
            ClauseTrend t = r.trend().of(c.clause().id());
            if (!all && c.status() != ClauseStatus.FAIL && t == ClauseTrend.UNCHANGED) {
                continue;
            }
            String evidence = c.status() == ClauseStatus.FAIL ? c.failures().size() + " failures (above)"
                    : c.scenarios().isEmpty() ? "" : "<details><summary>" + c.scenarios().size() + " scenarios</summary>"
                    + Md.cell(String.join(", ", c.scenarios())) + "</details>";
            sb.append("| ").append(Md.cell(c.clause().id())).append(" | ").append(c.status()).append(" | ")
                    .append(c.steps()).append(" | ").append(Md.cell(c.clause().text())).append(" | ")
                    .append(Md.cellCode(c.clause().kernelFunction())).append(" | ").append(evidence).append(" |")
                    .append(trend ? " " + Md.cell(t.label()) + " |" : "").append('\n');
        }
        return sb.append("\n</details>\n\n").toString();
    }

    private static String transitions(Map<String, Long> transitions) {
        StringBuilder sb = new StringBuilder("<details><summary>Handover phase transitions observed (cow "
                + "/dev/disk/cow)</summary>\n\n");
        transitions.forEach((k, v) -> sb.append("- ").append(Md.text(k)).append(": ").append(v).append('\n'));
        return sb.append("\n</details>\n").toString();
    }
}
