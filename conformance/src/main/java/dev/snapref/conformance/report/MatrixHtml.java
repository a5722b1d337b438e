package dev.snapref.conformance.report;

import dev.snapref.conformance.clause.Clause;

/** {@code index.html} of a kernel matrix: kernels, clause x kernel table, each difference side by side with its script. */
public final class MatrixHtml {
    private static final String STYLE = "body{font-family:sans-serif;margin:2em;max-width:1400px}table{border-collapse:"
            + "collapse}td,th{border:1px solid #bbb;padding:4px 6px;vertical-align:top;font-size:13px}.PASS{background:"
            + "#dfd}.FAIL{background:#fbb}.UNCOVERED{background:#eee}.d{background:#fec}pre{white-space:pre-wrap;"
            + "margin:0}td.t{font-family:monospace;white-space:pre-wrap;width:50%}";

    private MatrixHtml() {
    }

    public static String render(KernelMatrixReport m) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>snapref conformance matrix</title><style>" + STYLE + "</style></head><body>\n");
        sb.append("<h1>snapref conformance matrix: ").append(m.kernels().size()).append(" kernels</h1>\n<p>Verdict: <b class=\"")
                .append(m.passed() ? "PASS\">PASS" : "FAIL\">FAIL").append("</b> &mdash; ").append(Xml.esc(m.date()))
                .append("</p>\n<table><tr><th>kernel</th><th>release</th><th>dm targets</th><th>verdict</th><th>clauses "
                        + "pass/fail/uncovered</th><th>scripts: corpus, explorer, generated</th><th>unfinished</th>"
                        + "<th>details</th></tr>\n");
        for (KernelColumn k : m.kernels()) {
            ConformanceReport r = k.report();
            sb.append(String.format("<tr><td>%s</td><td>%s</td><td>%s</td><td class=\"%s\">%s</td><td>%d/%d/%d</td>"
                            + "<td>%d, %d, %d</td><td>%d</td><td><a href=\"%s\">report</a></td></tr>%n", Xml.esc(k.kernel()),
                    Xml.esc(k.release()), Xml.esc(k.snapshotTargets()), r.passed() ? "PASS" : "FAIL",
                    r.passed() ? "PASS" : "FAIL", r.count(ClauseStatus.PASS), r.count(ClauseStatus.FAIL),
                    r.count(ClauseStatus.UNCOVERED), r.corpusScripts(), r.explorerScripts(), r.fuzzScripts(),
                    k.unfinished().size(), Xml.esc(MatrixJson.detailsPath(k))));
        }
        sb.append("</table>\n<h2>Clauses</h2>\n<table><tr><th>clause</th><th>text</th>");
        m.kernels().forEach(k -> sb.append("<th>").append(Xml.esc(k.release().isEmpty() ? k.kernel() : k.release()))
                .append("</th>"));
        sb.append("</tr>\n");
        for (Clause c : m.clauses()) {
            sb.append("<tr><td>").append(c.id()).append("</td><td>").append(Xml.esc(c.text())).append("</td>");
            m.kernels().forEach(k -> sb.append("<td class=\"").append(k.status(c.id())).append("\">")
                    .append(k.status(c.id())).append("</td>"));
            sb.append("</tr>\n");
        }
        sb.append("</table>\n<h2>Differences between kernels (").append(m.differences().size()).append(")</h2>\n");
        for (KernelDifference d : m.differences()) {
            difference(sb, d);
        }
        return sb.append("</body></html>\n").toString();
    }

    private static void difference(StringBuilder sb, KernelDifference d) {
        sb.append("<h3>").append(Xml.esc(d.script())).append("</h3>\n<p>First difference at ")
                .append(Xml.esc(d.summary())).append("</p>\n<details><summary>script</summary><pre>")
                .append(Xml.esc(d.scriptText())).append("</pre></details>\n<table><tr><th>")
                .append(Xml.esc(d.kernelA())).append("</th><th>").append(Xml.esc(d.kernelB())).append("</th></tr>\n");
        for (SideBySide.Row r : SideBySide.rows(d.transcriptA(), d.transcriptB())) {
            String cls = r.differs() ? " d" : "";
            sb.append("<tr><td class=\"t").append(cls).append("\">").append(r.left() == null ? "" : Xml.esc(r.left()))
                    .append("</td><td class=\"t").append(cls).append("\">")
                    .append(r.right() == null ? "" : Xml.esc(r.right())).append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }
}
