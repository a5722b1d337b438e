package dev.snapref.conformance.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The failures-first part of {@code index.html}: an index of the failing clauses, then one block
 * per failing clause with the clause text and kernel reference and its best failure in full (the
 * shortest shrunk reproducer inline with a copy button and its replay command, the fact that
 * failed, the transcripts side by side from the first divergence, the two abstract states); the
 * clause's other failures follow, each collapsed. Every text is escaped; links are the
 * reproducers' report-relative paths.
 */
final class HtmlFailures {
    private HtmlFailures() {
    }

    /** The section, or "" when no clause fails. */
    static String render(ConformanceReport r) {
        List<ClauseResult> failing = r.failing();
        if (failing.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("<section id=\"failures\"><h2>")
                .append(failing.size() == 1 ? "1 failing clause" : failing.size() + " failing clauses")
                .append("</h2>\n<ul class=\"index\">");
        for (ClauseResult c : failing) {
            sb.append("<li><a href=\"#fail-").append(Xml.esc(c.clause().id())).append("\">")
                    .append(Xml.esc(c.clause().id())).append("</a> ").append(count(c.details().size()))
                    .append(trendBadge(r.trend().of(c.clause().id()))).append("</li>");
        }
        sb.append("</ul>\n<p class=\"note\">Paths are relative to this report's folder: run the replay commands "
                + "there (or prefix the paths with the folder).</p>\n");
        for (ClauseResult c : failing) {
            clause(sb, c, r.trend().of(c.clause().id()));
        }
        return sb.append("</section>\n").toString();
    }

    private static void clause(StringBuilder sb, ClauseResult c, ClauseTrend trend) {
        String id = c.clause().id();
        sb.append("<article class=\"failure\" id=\"fail-").append(Xml.esc(id)).append("\"><h3><span class=\"badge FAIL\">"
                + "FAIL</span> ").append(Xml.esc(id)).append(trendBadge(trend)).append(" <span class=\"note\">")
                .append(count(c.details().size())).append("</span></h3>\n<p class=\"clause-text\">")
                .append(Xml.esc(c.clause().text())).append("<br><span class=\"kernel\">kernel: <code>")
                .append(Xml.esc(c.clause().kernelFunction())).append("</code></span></p>\n");
        List<FailureDetail> ordered = best(c.details());
        detail(sb, ordered.get(0), id + "-1");
        if (ordered.size() > 1) {
            sb.append("<details class=\"more\"><summary>").append(ordered.size() - 1).append(" more ")
                    .append(ordered.size() == 2 ? "failure" : "failures").append(" of ").append(Xml.esc(id))
                    .append("</summary>\n");
            for (int k = 1; k < ordered.size(); k++) {
                FailureDetail d = ordered.get(k);
                sb.append("<details><summary>").append(Xml.esc(title(d))).append("</summary>\n");
                detail(sb, d, id + "-" + (k + 1));
                sb.append("</details>\n");
            }
            sb.append("</details>\n");
        }
        sb.append("</article>\n");
    }

    /** Detailed failures first, then those with the shortest reproducer; the catalogue's order otherwise. */
    static List<FailureDetail> best(List<FailureDetail> details) {
        List<FailureDetail> out = new ArrayList<>(details);
        out.sort(Comparator.comparing((FailureDetail d) -> d.reproducer() == null)
                .thenComparing(d -> !d.detailed())
                .thenComparingInt(d -> d.reproducer() == null || d.reproducer().shrunkSteps() < 0 ? Integer.MAX_VALUE
                        : d.reproducer().shrunkSteps()));
        return out;
    }

    private static void detail(StringBuilder sb, FailureDetail d, String key) {
        sb.append("<p class=\"headline\">").append(Xml.esc(title(d))).append("</p>\n");
        if (!d.detailed()) {
            sb.append("<pre class=\"fact\">").append(Xml.esc(d.summary())).append("</pre>\n");
            return;
        }
        sb.append("<div class=\"cols\">");
        if (d.reproducer() != null) {
            sb.append("<div class=\"repro\">");
            reproducer(sb, d.reproducer(), key);
            sb.append("</div>");
        }
        sb.append("<div class=\"what\"><h4>What failed").append(d.kind().isEmpty() ? "" : ": " + Xml.esc(d.kind()))
                .append("</h4><pre class=\"fact\">").append(Xml.esc(d.fact().isEmpty() ? d.summary() : d.fact()))
                .append("</pre>");
        if (!d.fact().isEmpty()) {
            sb.append("<p class=\"note\">").append(Xml.esc(d.summary())).append("</p>");
        }
        sb.append("</div></div>\n");
        transcripts(sb, d);
        if (d.states() != null && d.states().same()) {
            sb.append("<details><summary>Abstract state: ").append(Xml.esc(d.states().leftName())).append(" and ")
                    .append(Xml.esc(d.states().rightName())).append(" agree</summary>\n")
                    .append(HtmlSideBySide.whole(d.states())).append("</details>\n");
        } else if (d.states() != null) {
            sb.append("<h4>Abstract state").append(d.step() > 0 ? " at step " + d.step() : "").append(": ")
                    .append(Xml.esc(d.states().leftName())).append(" vs ").append(Xml.esc(d.states().rightName()))
                    .append("</h4>\n").append(HtmlSideBySide.table(d.states(), n -> false));
        }
    }

    private static void reproducer(StringBuilder sb, Reproduction r, String key) {
        List<String> header = new ArrayList<>();
        List<String> body = new ArrayList<>();
        for (String line : SideBySide.lines(r.script())) {
            (line.startsWith("#") && body.isEmpty() ? header : body).add(line);
        }
        sb.append("<h4>Reproducer <a class=\"repro-link\" href=\"").append(Xml.href(r.path())).append("\">")
                .append(Xml.esc(r.path())).append("</a> <span class=\"note\">").append(Xml.esc(r.shrinkText()))
                .append("</span><button class=\"copy\" hidden data-copy=\"").append(Xml.esc(r.script()))
                .append("\" title=\"copy the whole file\">copy</button></h4>\n<pre class=\"script\" id=\"script-")
                .append(Xml.esc(key)).append("\">").append(Xml.esc(String.join("\n", body))).append("</pre>\n");
        if (!header.isEmpty()) {
            sb.append("<details><summary>its header (").append(header.size()).append(" comment lines)</summary><pre>")
                    .append(Xml.esc(String.join("\n", header))).append("</pre></details>\n");
        }
        sb.append("<p class=\"replay\">Replay: <code>").append(Xml.esc(r.replay())).append("</code>")
                .append("<button class=\"copy\" hidden data-copy=\"").append(Xml.esc(r.replay()))
                .append("\">copy</button></p>\n");
    }

    private static void transcripts(StringBuilder sb, FailureDetail d) {
        TextPair t = d.transcripts();
        if (t == null) {
            return;
        }
        String names = Xml.esc(t.leftName()) + " vs " + Xml.esc(t.rightName());
        if (t.same()) {
            sb.append("<details><summary>Transcripts: ").append(names).append(" agree (")
                    .append(SideBySide.lines(t.left()).size()).append(" lines): the failure is not in what the "
                            + "commands printed</summary>\n").append(HtmlSideBySide.table(t,
                            HtmlSideBySide.stepLines(t.left(), d.step()))).append("</details>\n");
            return;
        }
        sb.append("<h4>Transcripts: ").append(names).append(d.step() > 0 ? " (step " + d.step() + " marked)" : "")
                .append("</h4>\n").append(HtmlSideBySide.table(t, HtmlSideBySide.stepLines(t.left(), d.step())));
    }

    /** "SOURCE: HEADLINE" */
    private static String title(FailureDetail d) {
        return (d.source().isEmpty() ? "" : d.source() + ": ") + d.headline();
    }

    private static String count(int n) {
        return n == 1 ? "(1 failure)" : "(" + n + " failures)";
    }

    static String trendBadge(ClauseTrend t) {
        return t == ClauseTrend.UNCHANGED ? "" : " <span class=\"trend " + t.name() + "\">" + Xml.esc(t.label())
                + "</span>";
    }
}
