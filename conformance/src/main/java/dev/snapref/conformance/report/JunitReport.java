package dev.snapref.conformance.report;

import java.util.List;

/**
 * {@code junit.xml}: one testcase per clause (failed clauses as failures, uncovered as skipped),
 * for any CI. A failure's message names the clause and its best failure; its body gives, per
 * failure, the line, the reproducer's report-relative path and replay command, what failed and
 * the reproducer's script. Every text is escaped (well-formed XML whatever the run printed).
 */
public final class JunitReport {
    /** Longest failure message attribute. */
    static final int MESSAGE_MAX = 300;

    private JunitReport() {
    }

    public static String render(ConformanceReport r) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append(String.format("<testsuite name=\"snapref-conformance-%s\" tests=\"%d\" failures=\"%d\" skipped=\"%d\" "
                        + "errors=\"0\" time=\"%.3f\" timestamp=\"%s\">%n", Xml.esc(r.target()), r.clauses().size(),
                r.count(ClauseStatus.FAIL), r.count(ClauseStatus.UNCOVERED), r.seconds(), Xml.esc(r.date())));
        for (ClauseResult c : r.clauses()) {
            sb.append(String.format("  <testcase classname=\"snapref.clauses\" name=\"%s %s\" time=\"0\">",
                    Xml.esc(c.clause().id()), Xml.esc(shorten(c.clause().text(), 80))));
            if (c.status() == ClauseStatus.FAIL) {
                List<FailureDetail> ordered = HtmlFailures.best(c.details());
                FailureDetail first = ordered.get(0);
                String message = c.clause().id() + " failed: " + (first.source().isEmpty() ? "" : first.source() + ": ")
                        + first.headline();
                sb.append("\n    <failure message=\"").append(Xml.esc(shorten(message, MESSAGE_MAX))).append("\">")
                        .append(Xml.esc(body(ordered))).append("</failure>\n  ");
            } else if (c.status() == ClauseStatus.UNCOVERED) {
                sb.append("<skipped message=\"not exercised in this run\"/>");
            }
            sb.append("</testcase>\n");
        }
        sb.append("</testsuite>\n");
        return sb.toString();
    }

    private static String body(List<FailureDetail> failures) {
        StringBuilder sb = new StringBuilder();
        for (FailureDetail d : failures) {
            sb.append(d.summary()).append('\n');
            if (d.reproducer() != null) {
                sb.append("  reproducer (relative to the report folder): ").append(d.reproducer().path()).append('\n')
                        .append("  replay: ").append(d.reproducer().replay()).append('\n');
            }
            if (!d.fact().isEmpty()) {
                d.fact().lines().forEach(l -> sb.append("  | ").append(l).append('\n'));
            }
            if (d.reproducer() != null) {
                sb.append("  script:\n");
                d.reproducer().script().lines().filter(l -> !l.startsWith("#"))
                        .forEach(l -> sb.append("    ").append(l).append('\n'));
            }
        }
        return sb.toString();
    }

    private static String shorten(String text, int max) {
        String one = text.replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max - 3) + "...";
    }
}
