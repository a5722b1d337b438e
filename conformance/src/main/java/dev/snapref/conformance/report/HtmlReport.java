package dev.snapref.conformance.report;

/**
 * {@code index.html}: one self-contained page. A failing report opens with its failures
 * ({@link HtmlFailures}: each failing clause with its reproducer inline, replay command, the
 * transcripts and abstract states side by side), then the summary (figures, the trend against a
 * previous report, run notes collapsed), the coverage picture ({@link PhaseDiagram}) and the clause
 * table ({@link HtmlClauseTable}).
 *
 * <p>Guarantees: the style sheet and script are inline ({@link Assets}): no network, no external
 * script or font, so the page works offline and from a copy of the folder; every link is relative
 * to the report folder ({@link PortablePaths} is applied by {@link ReportFiles}) or an anchor in
 * the page; every text from the run is escaped. Limit: a pure function of the report; it does not
 * check that the reproducer files it links exist.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String render(ConformanceReport r) {
        String verdict = r.passed() ? "PASS" : "FAIL";
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(verdict).append(" \u2014 snapref conformance: ").append(Xml.esc(r.target()))
                .append("</title>\n<style>\n").append(Assets.css()).append("</style>\n</head><body>\n");
        header(sb, r, verdict);
        sb.append(HtmlFailures.render(r));
        summary(sb, r);
        sb.append("<section id=\"coverage\"><h2>Coverage: handover phases of the cow and the transitions exercised</h2>\n")
                .append(PhaseDiagram.svg(r.phaseTransitions()))
                .append("<p class=\"note\">Arrow width grows with the number of steps (log scale); hover an arrow "
                        + "for its transition; dashed states were never reached.</p></section>\n");
        sb.append(HtmlClauseTable.render(r));
        return sb.append("<script>\n").append(Assets.js()).append("</script>\n</body></html>\n").toString();
    }

    private static void header(StringBuilder sb, ConformanceReport r, String verdict) {
        sb.append("<header class=\"top ").append(verdict).append("\"><h1>snapref conformance report: ")
                .append(Xml.esc(r.target()));
        if (r.bug() != null) {
            sb.append(" <span class=\"bug\">(bug switch <code>").append(Xml.esc(r.bug())).append("</code>)</span>");
        }
        sb.append("</h1>\n<p class=\"verdict\">Verdict: <span class=\"badge ").append(verdict).append("\">")
                .append(verdict).append("</span> \u2014 ").append(r.count(ClauseStatus.FAIL)).append(" of ")
                .append(r.clauses().size()).append(" clauses fail, ").append(r.count(ClauseStatus.PASS))
                .append(" pass, ").append(r.count(ClauseStatus.UNCOVERED)).append(" uncovered")
                .append(r.trend().present() ? "; since the previous report: " + Xml.esc(r.trend().summary()) : "")
                .append(" <span class=\"note\">(").append(Xml.esc(r.date())).append(")</span></p>\n")
                .append("<nav class=\"jump\">").append(r.passed() ? "" : "<a href=\"#failures\">Failures</a>")
                .append("<a href=\"#summary\">Summary</a><a href=\"#coverage\">Coverage</a>"
                        + "<a href=\"#clauses\">Clauses</a></nav></header>\n");
    }

    private static void summary(StringBuilder sb, ConformanceReport r) {
        sb.append("<section id=\"summary\"><h2>Summary</h2>\n<ul class=\"summary\">");
        sb.append(String.format("<li>clauses: %d pass, %d fail, %d uncovered of %d</li>"
                        + "<li>corpus scenarios: %d (%d diverged); explorer scripts: %d; fuzz scripts: %d</li>"
                        + "<li>throughput: %d commands checked in %.1f s = <b>%.0f checked commands/s</b></li>",
                r.count(ClauseStatus.PASS), r.count(ClauseStatus.FAIL), r.count(ClauseStatus.UNCOVERED),
                r.clauses().size(), r.corpusScripts(), r.corpusDiverged(), r.explorerScripts(), r.fuzzScripts(),
                r.commandsChecked(), r.seconds(), r.commandsPerSecond()));
        Trend t = r.trend();
        if (t.present()) {
            sb.append("<li>compared with the previous report (").append(Xml.esc(t.previousWhat())).append(", ")
                    .append(Xml.esc(t.previousDate())).append(", verdict ").append(t.previousPassed() ? "PASS" : "FAIL")
                    .append("): ").append(Xml.esc(t.summary()));
            if (!t.removed().isEmpty()) {
                sb.append("; no longer in the catalogue: ").append(Xml.esc(String.join(", ", t.removed())));
            }
            sb.append("</li>");
        }
        sb.append("</ul>\n");
        if (!r.notes().isEmpty()) {
            sb.append("<details><summary>Run notes (").append(r.notes().size()).append(")</summary><ul>");
            r.notes().forEach(n -> sb.append("<li>").append(Xml.esc(n)).append("</li>"));
            sb.append("</ul></details>\n");
        }
        sb.append("</section>\n");
    }
}
