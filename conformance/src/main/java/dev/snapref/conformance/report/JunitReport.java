package dev.snapref.conformance.report;

/** {@code junit.xml}: one testcase per clause (failed clauses as failures, uncovered as skipped), for any CI. */
public final class JunitReport {
    private JunitReport() {
    }

    public static String render(ConformanceReport r) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append(String.format("<testsuite name=\"snapref-conformance-%s\" tests=\"%d\" failures=\"%d\" skipped=\"%d\" "
                        + "errors=\"0\" time=\"%.3f\" timestamp=\"%s\">%n", Xml.esc(r.target()), r.clauses().size(),
                r.count(ClauseStatus.FAIL), r.count(ClauseStatus.UNCOVERED), r.seconds(), Xml.esc(r.date())));
        for (ClauseResult c : r.clauses()) {
            sb.append(String.format("  <testcase classname=\"snapref.clauses\" name=\"%s %s\" time=\"0\">",
                    Xml.esc(c.clause().id()), Xml.esc(shorten(c.clause().text()))));
            if (c.status() == ClauseStatus.FAIL) {
                sb.append("\n    <failure message=\"").append(Xml.esc(c.clause().id() + " failed")).append("\">")
                        .append(Xml.esc(String.join("\n", c.failures()))).append("</failure>\n  ");
            } else if (c.status() == ClauseStatus.UNCOVERED) {
                sb.append("<skipped message=\"not exercised in this run\"/>");
            }
            sb.append("</testcase>\n");
        }
        sb.append("</testsuite>\n");
        return sb.toString();
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
