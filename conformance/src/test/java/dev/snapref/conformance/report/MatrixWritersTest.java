package dev.snapref.conformance.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.conformance.clause.Clause;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The matrix writers and the side-by-side alignment on a hand-made two-kernel matrix. No QEMU. */
class MatrixWritersTest {
    private static final String A = "$ dmsetup create o1 --table '0 8 snapshot-origin /dev/disk/x'\n"
            + "  kmsg: table: o1: snapshot-origin: Cannot get target device (-ENODEV)\n  -> error ENODEV\n";
    private static final String B = "$ dmsetup create o1 --table '0 8 snapshot-origin /dev/disk/x'\n"
            + "  kmsg: table: o1: snapshot-origin: Cannot get target device (-ENOENT)\n  -> error ENOENT\n";

    private static KernelColumn column(String kernel, String release, ClauseStatus dm1) {
        ConformanceReport r = new ConformanceReport("kernel " + kernel, null, "2026-12-04T00:00:00Z", List.of(
                new ClauseResult(Clause.DM_1, dm1, 3, List.of("bad-paths"),
                        dm1 == ClauseStatus.FAIL ? List.of("corpus bad-paths: step 3 <differs>") : List.of()),
                new ClauseResult(Clause.HO_1, ClauseStatus.PASS, 9, List.of("pending-dest-status"), List.of())),
                55, dm1 == ClauseStatus.FAIL ? 1 : 0, 0, 8, 900, 100.0, Map.of(), List.of("note"));
        return new KernelColumn(kernel, release, Map.of("snapshot", "v1.16.0", "linear", "v1.4.0"), r, List.of());
    }

    private static KernelMatrixReport sample() {
        return new KernelMatrixReport("2026-12-04T00:00:00Z", List.of(
                column("linux-image-6.1.0-56-cloud-amd64", "6.1.0-56-cloud-amd64", ClauseStatus.PASS),
                column("linux-image-6.12.117+deb12-cloud-amd64-unsigned", "6.12.117+deb12-cloud-amd64",
                        ClauseStatus.FAIL)),
                List.of(new KernelDifference("corpus bad-paths", "disk x 8\n", "linux-image-6.1.0-56-cloud-amd64",
                        "linux-image-6.12.117+deb12-cloud-amd64-unsigned", A, B, "step 1 (script line 1): create")));
    }

    @Test
    void sideBySideAlignsEqualLinesAndPairsChangedOnes() {
        List<SideBySide.Row> rows = SideBySide.rows("a\nb\nc\n", "a\nB\nc\nd\n");
        assertEquals(new SideBySide.Row(SideBySide.Kind.SAME, 1, "a", 1, "a"), rows.get(0));
        assertEquals(new SideBySide.Row(SideBySide.Kind.CHANGED, 2, "b", 2, "B"), rows.get(1));
        assertEquals(new SideBySide.Row(SideBySide.Kind.SAME, 3, "c", 3, "c"), rows.get(2));
        assertEquals(new SideBySide.Row(SideBySide.Kind.RIGHT_ONLY, 0, "", 4, "d"), rows.get(3));
        assertTrue(rows.get(1).differs() && rows.get(3).differs() && !rows.get(0).differs());
        assertTrue(SideBySide.text(A, B, 40).contains("! "));
    }

    @Test
    void markdownHasTheClauseByKernelTableAndTheDifference() {
        String md = MatrixMarkdown.render(sample());
        assertTrue(md.contains("Verdict: **FAIL**"), md);
        assertTrue(md.contains("| clause | text | 6.1.0-56-cloud-amd64 | 6.12.117+deb12-cloud-amd64 |"), md);
        assertTrue(md.contains("| DM-1 |") && md.contains(" PASS | FAIL |"), md);
        assertTrue(md.contains("snapshot v1.16.0") && !md.contains("linear v1.4.0"), md);
        assertTrue(md.contains("### corpus bad-paths"), md);
        assertTrue(md.contains("(-ENODEV)") && md.contains("(-ENOENT)"), md);
    }

    @Test
    void junitHasASuitePerKernelAndOneForTheDifferences() throws Exception {
        String xml = MatrixJunit.render(sample());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals(3, doc.getElementsByTagName("testsuite").getLength());
        assertEquals(2 + 2 + 1, doc.getElementsByTagName("testcase").getLength());
        assertEquals(2, doc.getElementsByTagName("failure").getLength());
    }

    @Test
    void jsonAndHtmlCarryStatusesPerKernelAndBothTranscripts() {
        KernelMatrixReport m = sample();
        assertFalse(m.passed());
        String json = MatrixJson.render(m);
        assertTrue(json.contains("{\"id\": \"DM-1\", \"status\": {\"linux-image-6.1.0-56-cloud-amd64\": \"PASS\", "
                + "\"linux-image-6.12.117+deb12-cloud-amd64-unsigned\": \"FAIL\"}}"), json);
        assertTrue(json.contains("\"details\": \"kernels/linux-image-6.1.0-56-cloud-amd64/index.html\""), json);
        assertTrue(json.contains("-ENOENT") && json.contains("-ENODEV"));
        String html = MatrixHtml.render(m);
        assertTrue(html.contains("<td class=\"t d\">  kmsg: table: o1: snapshot-origin: Cannot get target device "
                + "(-ENOENT)</td>"), html);
        assertTrue(html.contains("&lt;differs&gt;") || !html.contains("<differs>"));
        assertEquals(ClauseStatus.UNCOVERED, m.kernels().get(0).status("NO-SUCH"));
    }
}
