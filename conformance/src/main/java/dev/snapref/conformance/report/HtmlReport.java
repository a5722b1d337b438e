package dev.snapref.conformance.report;

/** {@code index.html}: verdict, figures, the clause table with evidence, and the coverage picture. */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String render(ConformanceReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>snapref conformance: ")
                .append(Xml.esc(r.target())).append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:"
                        + "1200px}table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:4px 6px;"
                        + "vertical-align:top;font-size:13px}.PASS{background:#dfd}.FAIL{background:#fbb}"
                        + ".UNCOVERED{background:#eee}.verdict{font-size:1.4em}pre{white-space:pre-wrap}</style>"
                        + "</head><body>\n");
        sb.append("<h1>snapref conformance report: ").append(Xml.esc(r.target()))
                .append(r.bug() == null ? "" : " (bug switch <code>" + Xml.esc(r.bug()) + "</code>)").append("</h1>\n");
        sb.append("<p class=\"verdict\">Verdict: <b class=\"").append(r.passed() ? "PASS" : "FAIL").append("\">")
                .append(r.passed() ? "PASS" : "FAIL").append("</b> &mdash; ").append(Xml.esc(r.date())).append("</p>\n");
        sb.append(String.format("<ul><li>clauses: %d pass, %d fail, %d uncovered of %d</li>"
                        + "<li>corpus scenarios: %d (%d diverged); explorer scripts: %d; fuzz scripts: %d</li>"
                        + "<li>throughput: %d commands checked in %.1f s = <b>%.0f checked commands/s</b></li>",
                r.count(ClauseStatus.PASS), r.count(ClauseStatus.FAIL), r.count(ClauseStatus.UNCOVERED),
                r.clauses().size(), r.corpusScripts(), r.corpusDiverged(), r.explorerScripts(), r.fuzzScripts(),
                r.commandsChecked(), r.seconds(), r.commandsPerSecond()));
        for (String n : r.notes()) {
            sb.append("<li>").append(Xml.esc(n)).append("</li>");
        }
        sb.append("</ul>\n<h2>Coverage: handover phases of the cow and the transitions exercised</h2>\n")
                .append(PhaseDiagram.svg(r.phaseTransitions()));
        sb.append("<h2>Clauses</h2>\n<table><tr><th>clause</th><th>status</th><th>steps</th><th>text</th>"
                + "<th>kernel</th><th>evidence</th></tr>\n");
        for (ClauseResult c : r.clauses()) {
            sb.append("<tr class=\"").append(c.status()).append("\"><td>").append(c.clause().id()).append("</td><td>")
                    .append(c.status()).append("</td><td>").append(c.steps()).append("</td><td>")
                    .append(Xml.esc(c.clause().text())).append("</td><td><code>").append(Xml.esc(c.clause().kernelFunction()))
                    .append("</code></td><td>");
            if (!c.failures().isEmpty()) {
                sb.append("<pre>").append(Xml.esc(String.join("\n", c.failures()))).append("</pre>");
            }
            sb.append(Xml.esc(String.join(", ", c.scenarios()))).append("</td></tr>\n");
        }
        return sb.append("</table>\n</body></html>\n").toString();
    }
}
