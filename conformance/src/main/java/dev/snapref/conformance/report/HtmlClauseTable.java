package dev.snapref.conformance.report;

import java.util.List;

/**
 * The clause table of {@code index.html}: one row per clause (id, status, trend when there is a
 * previous report, steps, text, kernel reference, evidence), with its evidence collapsed to a
 * count that expands to the list. Filter buttons (by status, or changed since the previous
 * report), a text filter and sortable headers come from the inline script; without it the table
 * is complete and in catalogue order. Every text is escaped.
 */
final class HtmlClauseTable {
    private HtmlClauseTable() {
    }

    static String render(ConformanceReport r) {
        boolean trend = r.trend().present();
        StringBuilder sb = new StringBuilder("<section id=\"clauses\"><h2>Clauses</h2>\n<div class=\"controls\" hidden>"
                + "Show: ");
        button(sb, "all", "all", r.clauses().size(), true);
        button(sb, ClauseStatus.FAIL.name(), "failing", r.count(ClauseStatus.FAIL), false);
        button(sb, ClauseStatus.PASS.name(), "passing", r.count(ClauseStatus.PASS), false);
        button(sb, ClauseStatus.UNCOVERED.name(), "uncovered", r.count(ClauseStatus.UNCOVERED), false);
        if (trend) {
            long changed = r.clauses().stream().filter(c -> r.trend().of(c.clause().id()) != ClauseTrend.UNCHANGED)
                    .count();
            button(sb, "changed", "changed since the previous report", changed, false);
        }
        sb.append(" <input type=\"search\" placeholder=\"filter by text\" aria-label=\"filter clauses by text\"> "
                + "<span class=\"shown note\"></span></div>\n<table class=\"clauses\"><thead><tr><th>clause</th>"
                + "<th>status</th>").append(trend ? "<th>trend</th>" : "").append("<th data-type=\"number\">steps</th>"
                + "<th>text</th><th>kernel</th><th>evidence</th></tr></thead>\n<tbody>\n");
        List<ClauseResult> rows = r.clauses();
        for (int k = 0; k < rows.size(); k++) {
            row(sb, rows.get(k), k, trend ? r.trend().of(rows.get(k).clause().id()) : null);
        }
        return sb.append("</tbody></table></section>\n").toString();
    }

    private static void button(StringBuilder sb, String status, String label, long n, boolean on) {
        sb.append("<button type=\"button\" data-status=\"").append(status).append("\" aria-pressed=\"").append(on)
                .append('"').append(on ? " class=\"on\"" : "").append('>').append(Xml.esc(label)).append(" (")
                .append(n).append(")</button>");
    }

    private static void row(StringBuilder sb, ClauseResult c, int order, ClauseTrend trend) {
        String id = Xml.esc(c.clause().id());
        sb.append("<tr class=\"").append(c.status()).append("\" data-status=\"").append(c.status())
                .append("\" data-trend=\"").append(trend == null || trend == ClauseTrend.UNCHANGED ? "" : trend.name())
                .append("\" data-order=\"").append(order).append("\"><td data-key=\"").append(String.format("%03d", order))
                .append("\">").append(id).append("</td><td class=\"st\">").append(c.status()).append("</td>");
        if (trend != null) {
            sb.append("<td>").append(Xml.esc(trend.label())).append("</td>");
        }
        sb.append("<td>").append(c.steps()).append("</td><td>").append(Xml.esc(c.clause().text()))
                .append("</td><td><code>").append(Xml.esc(c.clause().kernelFunction())).append("</code></td><td>");
        if (!c.failures().isEmpty()) {
            sb.append("<a href=\"#fail-").append(id).append("\">").append(c.failures().size())
                    .append(c.failures().size() == 1 ? " failure" : " failures").append(" (details above)</a>");
            list(sb, c.failures().size() == 1 ? "its line" : "their lines", c.failures());
        }
        if (!c.scenarios().isEmpty()) {
            list(sb, c.scenarios().size() == 1 ? "1 scenario" : c.scenarios().size() + " scenarios", c.scenarios());
        }
        sb.append("</td></tr>\n");
    }

    private static void list(StringBuilder sb, String summary, List<String> items) {
        sb.append("<details><summary>").append(Xml.esc(summary)).append("</summary><ul>");
        for (String s : items) {
            sb.append("<li>").append(Xml.esc(s)).append("</li>");
        }
        sb.append("</ul></details>");
    }
}
