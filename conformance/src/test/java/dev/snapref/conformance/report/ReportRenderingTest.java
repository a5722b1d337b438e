package dev.snapref.conformance.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.conformance.clause.Clause;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/**
 * The writers on synthetic reports: whatever a failure says (markup, quotes, backticks, pipes,
 * control characters) every writer prints it literally; failures come first; {@code report.md}
 * stays within a pull-request comment however many failures there are; the trend shows.
 */
class ReportRenderingTest {
    private static final String HOSTILE = "<script>alert(1)</script> & \"q\" 'a' ``` | \u0001 ]](x)";

    static FailureDetail hostileDetail(int n, int scriptLines) {
        StringBuilder script = new StringBuilder("# snapref reproducer x\n# phase: fuzz\n");
        for (int i = 0; i < scriptLines; i++) {
            script.append("write /dev/mapper/origin ").append(i).append(" 1 A ").append(HOSTILE).append('\n');
        }
        Reproduction r = new Reproduction("reproducers/a b&c-" + n + ".dms", script.toString(),
                "./snapref replay reproducers/a b&c-" + n + ".dms", 30, scriptLines);
        return new FailureDetail("fuzz seed " + n, "fuzz seed " + n + ": REFINEMENT " + HOSTILE, "REFINEMENT", 3,
                "write " + HOSTILE, 5, r, "model vs engine:\n" + HOSTILE,
                new TextPair("model", "$ a\nx\n$ b\n" + HOSTILE + "\n", "engine", "$ a\nx\n$ b\ny\n"),
                new TextPair("model after step 3", "device s\n  exceptions (1): 0->2\n", "engine after step 3",
                        "device s\n  exceptions (0)\n"));
    }

    private static ConformanceReport report(int failingClauses, int failuresEach, int scriptLines) {
        List<ClauseResult> rows = new ArrayList<>();
        Clause[] all = Clause.values();
        for (int k = 0; k < all.length; k++) {
            if (k < failingClauses) {
                List<FailureDetail> ds = new ArrayList<>();
                for (int i = 0; i < failuresEach; i++) {
                    ds.add(hostileDetail(k * 1000 + i, scriptLines));
                }
                rows.add(ClauseResult.of(all[k], ClauseStatus.FAIL, 5, List.of("s-" + HOSTILE), ds));
            } else {
                rows.add(new ClauseResult(all[k], ClauseStatus.PASS, 5, List.of("cow-basic", HOSTILE), List.of()));
            }
        }
        return new ConformanceReport("engine", HOSTILE, "2026-12-04T00:00:00Z", rows, 3, 1, 0, 5, 100, 1.0,
                Map.of("NORMAL->PENDING", 3L), List.of("note " + HOSTILE));
    }

    @Test
    void htmlPrintsEveryTextLiterallyAndFailuresFirst() {
        String html = HtmlReport.render(report(2, 2, 5));
        assertEquals(1, html.split("<script", -1).length - 1, "only the page's own inline script");
        assertFalse(html.contains("alert(1)</script>"), "no markup from the run");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("href=\"reproducers/a%20b%26c-0.dms\""), "links percent-encoded");
        assertTrue(html.indexOf("id=\"failures\"") < html.indexOf("id=\"clauses\""));
        assertTrue(html.contains("<tr class=\"CHANGED focus\">") || html.contains("<tr class=\"CHANGED"),
                "the differing transcript line is marked");
    }

    @Test
    void markdownEscapesAndFencesWhateverItPrints() {
        String md = MarkdownReport.render(report(1, 1, 3));
        String prose = md.replaceAll("(?s)(`{3,})[a-z]*\n.*?\n\\1\n", "").replaceAll("(`+)[^`].*?\\1", "");
        assertFalse(prose.contains("<script>"), "markup outside code is escaped: " + prose);
        assertFalse(md.contains("\u0001"), "control characters are replaced");
        assertTrue(md.contains("````"), "a fence longer than the ``` inside the script");
        for (String line : md.split("\n")) {
            if (line.startsWith("| ") && !line.startsWith("|---")) {
                assertEquals(7, line.replace("\\|", "").chars().filter(c -> c == '|').count(), "6 cells: " + line);
            }
        }
        assertTrue(md.indexOf("### \u274c") < md.indexOf("### Summary"), "failures first");
    }

    @Test
    void markdownFitsAPullRequestCommentWithEveryFailingClauseNamed() {
        ConformanceReport huge = report(Clause.values().length - 1, 60, 120);
        String md = MarkdownReport.render(huge);
        assertTrue(md.length() <= MarkdownReport.LIMIT, "length " + md.length());
        for (ClauseResult c : huge.failing()) {
            assertTrue(md.contains("### \u274c " + Md.text(c.clause().id())), c.clause().id() + " named");
        }
        assertTrue(md.contains("cut to fit a pull-request comment"), "says what was cut");
        String small = MarkdownReport.render(report(2, 2, 5));
        assertFalse(small.contains("cut to fit"), "nothing is cut when it fits");
    }

    @Test
    void junitAndJsonStayWellFormedAndCarryTheDetails() throws Exception {
        ConformanceReport r = report(2, 2, 5);
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
                JunitReport.render(r).getBytes(StandardCharsets.UTF_8)));
        assertTrue(JunitReport.render(r).contains("replay: ./snapref replay reproducers/a b&amp;c-"));
        Map<?, ?> json = (Map<?, ?>) Json.parse(JsonReport.render(r));
        Map<?, ?> first = (Map<?, ?>) ((List<?>) json.get("clauses")).get(0);
        Map<?, ?> detail = (Map<?, ?>) ((List<?>) first.get("details")).get(0);
        assertEquals("model vs engine:\n" + HOSTILE, detail.get("fact"));
        assertEquals(r.bug(), json.get("bug"));
    }

    @Test
    void theTrendShowsInEveryWriter() {
        ConformanceReport now = report(1, 1, 2);
        Map<String, ClauseStatus> before = new java.util.LinkedHashMap<>();
        before.put(Clause.values()[0].id(), ClauseStatus.PASS);
        before.put(Clause.values()[1].id(), ClauseStatus.FAIL);
        before.put("OLD-1", ClauseStatus.PASS);
        ConformanceReport t = now.withTrend(new PreviousReport("2026-12-01T00:00:00Z", false, "engine", null, before));
        assertEquals(ClauseTrend.NEWLY_FAILING, t.trend().of(Clause.values()[0].id()));
        assertEquals(ClauseTrend.FIXED, t.trend().of(Clause.values()[1].id()));
        assertEquals(List.of("OLD-1"), t.trend().removed());
        assertTrue(HtmlReport.render(t).contains("newly failing") && HtmlReport.render(t).contains("data-trend=\"FIXED\""));
        assertTrue(MarkdownReport.render(t).contains("(newly failing)"));
        assertTrue(JsonReport.render(t).contains("\"trend\": \"FIXED\""));
        assertEquals(ClauseStatus.FAIL, PreviousReport.parse(JsonReport.render(t)).statuses().get(Clause.values()[0].id()));
    }
}
