package dev.snapref.conformance.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The plain rendering of a report file whose own renderer threw ({@link ReportFiles}): the verdict
 * (always FAIL: a report that could not be rendered does not pass the gate), why the renderer
 * failed, and every failing clause with its failures. Deliberately simple: string concatenation
 * over the clause rows and the escaping of {@link Xml} and {@link JsonReport#str}.
 */
final class FallbackReport {
    private FallbackReport() {
    }

    /** The plain rendering of {@code file} ({@code index.html}, {@code report.md}, {@code junit.xml}, {@code report.json}). */
    static String render(String file, ConformanceReport r, String problem) {
        List<String> lines = lines(r, problem);
        return switch (file) {
            case "index.html" -> "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>snapref "
                    + "conformance</title></head><body>\n<h1>snapref conformance report: " + Xml.esc(r.target())
                    + "</h1>\n<p>Verdict: <b>FAIL</b></p>\n<pre>" + Xml.esc(String.join("\n", lines))
                    + "</pre>\n</body></html>\n";
            case "junit.xml" -> "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"snapref-conformance-"
                    + Xml.esc(r.target()) + "\" tests=\"1\" failures=\"1\" skipped=\"0\" errors=\"0\">\n"
                    + "  <testcase classname=\"snapref.report\" name=\"report rendering\" time=\"0\">\n"
                    + "    <failure message=\"" + Xml.esc(problem) + "\">" + Xml.esc(String.join("\n", lines))
                    + "</failure>\n  </testcase>\n</testsuite>\n";
            case "report.json" -> "{\n  \"target\": " + JsonReport.str(r.target()) + ",\n  \"passed\": false,\n"
                    + "  \"renderingProblem\": " + JsonReport.str(problem) + ",\n  \"lines\": ["
                    + String.join(", ", lines.stream().map(JsonReport::str).toList()) + "]\n}\n";
            default -> "# snapref conformance report: " + r.target() + "\n\nVerdict: **FAIL**.\n\n"
                    + String.join("\n", lines.stream().map(l -> "    " + l).toList()) + "\n";
        };
    }

    private static List<String> lines(ConformanceReport r, String problem) {
        List<String> out = new ArrayList<>();
        out.add("the report could not be rendered: " + problem);
        out.add("verdict of the clauses: " + (r.passed() ? "PASS" : "FAIL"));
        for (ClauseResult c : r.clauses()) {
            if (c.status() == ClauseStatus.FAIL) {
                out.add(c.clause().id() + " FAIL: " + c.clause().text());
                c.failures().forEach(f -> out.add("  " + f));
            }
        }
        r.notes().forEach(n -> out.add("note: " + n));
        return out;
    }
}
