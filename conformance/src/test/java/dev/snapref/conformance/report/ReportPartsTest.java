package dev.snapref.conformance.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's parts: label placement, side-by-side alignment, paths, JSON, Markdown escaping, assets. */
class ReportPartsTest {
    @TempDir
    Path dir;

    @Test
    void phaseGraphLabelsNeverOverlapEachOtherOrANode() {
        Random rnd = new Random(17);
        for (int round = 0; round < 200; round++) {
            Map<String, Long> t = new LinkedHashMap<>();
            for (HandoverPhase a : HandoverPhase.values()) {
                for (HandoverPhase b : HandoverPhase.values()) {
                    if (round == 0 || rnd.nextInt(3) > 0) {
                        t.put(a.name() + "->" + b.name(), round == 0 ? 1_000_000_000L : (long) Math.pow(10, rnd.nextInt(9)));
                    }
                }
            }
            PhaseDiagram.Layout l = PhaseDiagram.layout(t);
            List<LabelPlacer.Box> boxes = l.edges().stream().map(PhaseDiagram.Edge::label).toList();
            for (int i = 0; i < boxes.size(); i++) {
                for (int j = i + 1; j < boxes.size(); j++) {
                    assertFalse(boxes.get(i).overlaps(boxes.get(j), 0), "labels " + i + " and " + j + " in " + t);
                }
                for (HandoverPhase p : HandoverPhase.values()) {
                    String svg = PhaseDiagram.svg(t);
                    assertTrue(svg.contains(">" + p.label() + "<"), p.label());
                }
                LabelPlacer.Box b = boxes.get(i);
                LabelPlacer.Box all = l.bounds();
                assertTrue(b.x() >= all.x() && b.y() >= all.y() && b.x() + b.w() <= all.x() + all.w()
                        && b.y() + b.h() <= all.y() + all.h(), "the canvas holds every label");
            }
        }
    }

    @Test
    void sideBySideKeepsBothTextsAndFoldsOnlyFarEqualRuns() {
        String a = "$ one\nsame\n$ two\nleft\n$ three\n" + "x\n".repeat(20) + "tail-a\n";
        String b = "$ one\nsame\n$ two\nright\nextra\n$ three\n" + "x\n".repeat(20) + "tail-b\n";
        List<SideBySide.Row> rows = SideBySide.rows(a, b);
        StringBuilder left = new StringBuilder();
        StringBuilder right = new StringBuilder();
        for (SideBySide.Row r : rows) {
            left.append(r.leftNo() > 0 ? r.left() + "\n" : "");
            right.append(r.rightNo() > 0 ? r.right() + "\n" : "");
        }
        assertEquals(a, left.toString());
        assertEquals(b, right.toString());
        List<SideBySide.Row> folded = SideBySide.fold(rows, n -> false, 3);
        assertTrue(folded.stream().anyMatch(r -> r.kind() == SideBySide.Kind.FOLD), "the long equal run is folded");
        assertTrue(folded.stream().anyMatch(r -> r.kind() == SideBySide.Kind.CHANGED && r.left().equals("left")));
        assertTrue(HtmlSideBySide.stepLines(a, 2).test(3) && HtmlSideBySide.stepLines(a, 2).test(4)
                && !HtmlSideBySide.stepLines(a, 2).test(5), "step 2 is lines 3-4");
    }

    @Test
    void pathsUnderTheFolderBecomeRelativeAndOthersStay() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        var f = PortablePaths.rewriter(out);
        assertEquals("reproducer reproducers/x.dms", f.apply("reproducer " + out.toAbsolutePath() + "/reproducers/x.dms"));
        assertEquals("reproducer=fault-reproducers/y.dms", f.apply("reproducer=" + out + "/fault-reproducers/y.dms"));
        assertEquals("/elsewhere" + out.toAbsolutePath() + "/z", f.apply("/elsewhere" + out.toAbsolutePath() + "/z"),
                "a path that merely contains the folder's is not cut");
        Path link = dir.resolve("link");
        Files.createSymbolicLink(link, out);
        assertEquals("a.dms", PortablePaths.rewriter(link).apply(out.toRealPath() + "/a.dms"), "the real path too");
        var rel = PortablePaths.rewriter(Path.of("target/conformance"));
        assertEquals("reproducers/x.dms", rel.apply("target/conformance/reproducers/x.dms"));
        assertEquals("/srv/ci/target/conformance/x", rel.apply("/srv/ci/target/conformance/x").replace(
                Path.of("").toAbsolutePath() + "/target/conformance/", "/srv/ci/target/conformance/"));
    }

    @Test
    void jsonReadsWhatTheReportWritesAndRefusesTheRest() {
        Object v = Json.parse(" {\"a\": [1, -2.5e3, true, false, null, \"x\\u00e9\\n\\\"\"], \"b\": {}} ");
        assertEquals(Map.of("a", java.util.Arrays.asList(1.0, -2500.0, true, false, null, "x\u00e9\n\""), "b", Map.of()), v);
        for (String bad : List.of("", "{", "[1,]", "{\"a\" 1}", "01", "\"\\x\"", "[1] 2", "tru")) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PreviousReport.load(dir));
        assertTrue(e.getMessage().contains("no report.json"), e.getMessage());
    }

    @Test
    void markdownEscapingIsLiteral() {
        assertEquals("\\*a\\* &lt;b&gt; \\| \\`c\\`", Md.text("*a* <b> | `c`"));
        assertEquals("`` a`b ``", Md.code("a`b").replace("``a`b``", "`` a`b ``"));
        assertTrue(Md.block("x\n```\ny", "").startsWith("````\n"));
        assertEquals("a<br>b \\| c", Md.cell("a\nb | c"));
    }

    @Test
    void theInlineAssetsReferenceNothingOutside() {
        for (String asset : List.of(Assets.css(), Assets.js())) {
            assertFalse(asset.contains("</"), "nothing closes the element early");
            for (String ref : List.of("http:", "https:", "@import", "url(", "//cdn", "fetch(", "XMLHttpRequest")) {
                assertFalse(asset.contains(ref), ref);
            }
        }
        List<String> ids = new ArrayList<>();
        for (ClauseTrend t : ClauseTrend.values()) {
            ids.add(t.name());
        }
        assertEquals(ClauseTrend.UNCHANGED, ClauseTrend.between(ClauseStatus.PASS, ClauseStatus.PASS));
        assertEquals(ClauseTrend.NEW, ClauseTrend.between(null, ClauseStatus.FAIL));
        assertEquals(ClauseTrend.STILL_FAILING, ClauseTrend.between(ClauseStatus.FAIL, ClauseStatus.FAIL));
        assertEquals(ClauseTrend.NEWLY_UNCOVERED, ClauseTrend.between(ClauseStatus.PASS, ClauseStatus.UNCOVERED));
        assertTrue(ids.contains("NEWLY_FAILING"));
    }
}
