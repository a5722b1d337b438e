package dev.snapref.conformance.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.conformance.clause.Clause;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The four report files are always written: a renderer that throws gets the plain fallback. */
class ReportFilesTest {
    @TempDir
    Path dir;

    private static ConformanceReport passing() {
        return new ConformanceReport("engine", null, "2026-12-04T00:00:00Z", List.of(
                new ClauseResult(Clause.GEN_1, ClauseStatus.PASS, 3, List.of("s"), List.of())),
                1, 0, 0, 0, 3, 1.0, Map.of(), List.of("n"));
    }

    @Test
    void allFourFilesAreWrittenWhenEveryRendererWorks() throws Exception {
        assertEquals(List.of(), ReportFiles.write(dir, passing()));
        for (String name : ReportFiles.NAMES) {
            assertTrue(Files.size(dir.resolve(name)) > 0, name);
        }
    }

    @Test
    void aThrowingRendererGetsTheFallbackAndIsReportedAsAProblem() throws Exception {
        Map<String, Function<ConformanceReport, String>> renderers = new LinkedHashMap<>();
        for (String name : ReportFiles.NAMES) {
            renderers.put(name, r -> {
                throw new IllegalStateException("planted renderer bug in " + name);
            });
        }
        List<String> problems = ReportFiles.write(dir, passing(), renderers);
        assertEquals(4, problems.size(), problems.toString());
        for (String name : ReportFiles.NAMES) {
            String text = Files.readString(dir.resolve(name));
            assertTrue(text.contains("planted renderer bug in " + name), name + ":\n" + text);
            assertTrue(text.contains("FAIL") || text.contains("failures=\"1\"") || text.contains("\"passed\": false"),
                    "the fallback never passes: " + name);
        }
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
                Files.readString(dir.resolve("junit.xml")).getBytes(StandardCharsets.UTF_8)));
    }
}
