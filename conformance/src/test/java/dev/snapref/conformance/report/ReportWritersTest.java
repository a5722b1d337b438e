package dev.snapref.conformance.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.conformance.clause.Clause;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ReportWritersTest {
    private static ConformanceReport sample() {
        return new ConformanceReport("engine", "third-table-allowed", "2026-11-24T00:00:00Z", List.of(
                new ClauseResult(Clause.HO_3, ClauseStatus.FAIL, 4, List.of("handover-third-table-rejected"),
                        List.of("fuzz seed 7: DIVERGENCE <kmsg> & \"quotes\", reproducer target/x/fail-7.dms")),
                new ClauseResult(Clause.HO_1, ClauseStatus.PASS, 9, List.of("pending-dest-status"), List.of()),
                new ClauseResult(Clause.CTR_4, ClauseStatus.UNCOVERED, 0, List.of(), List.of())),
                13, 1, 0, 20, 1234, 2.0, Map.of("NORMAL->PENDING", 3L, "PENDING->HANDED_OVER", 2L), List.of("n"));
    }

    @Test
    void junitXmlIsWellFormedWithOneTestcasePerClause() throws Exception {
        String xml = JunitReport.render(sample());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals(3, doc.getElementsByTagName("testcase").getLength());
        assertEquals(1, doc.getElementsByTagName("failure").getLength());
        assertEquals(1, doc.getElementsByTagName("skipped").getLength());
        assertEquals("1", doc.getDocumentElement().getAttribute("failures"));
    }

    @Test
    void jsonHtmlAndMarkdownCarryTheVerdictAndFailingClause() {
        ConformanceReport r = sample();
        assertFalse(r.passed());
        String json = JsonReport.render(r);
        assertTrue(json.contains("\"passed\": false"));
        assertTrue(json.contains("\"id\": \"HO-3\", \"status\": \"FAIL\""));
        assertTrue(json.contains("<kmsg> & \\\"quotes\\\""), json);
        String html = HtmlReport.render(r);
        assertTrue(html.contains("<svg") && html.contains("handed over") && html.contains("&lt;kmsg&gt;"));
        assertTrue(MarkdownReport.render(r).contains("| HO-3 | FAIL | 4 |"));
    }

    @Test
    void xmlEscapingCoversMarkupAndControlCharacters() {
        assertEquals("&lt;a&gt; &amp; &quot;b&quot; ?", Xml.esc("<a> & \"b\" \u0001"));
    }
}
