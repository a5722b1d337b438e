package dev.snapref.conformance.report;

import dev.snapref.conformance.guard.Severity;
import dev.snapref.conformance.guard.ThrowableDigest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes the four report files of a conformance run into one folder: {@code index.html},
 * {@code report.md}, {@code junit.xml}, {@code report.json}.
 *
 * <p>Guarantees: all four files are written whenever the folder is writable. A renderer that
 * throws (a {@link Severity#FAILURE}) does not stop the others: its file gets the plain rendering
 * of {@link FallbackReport} (verdict FAIL, the problem, the failing clauses), and the problem is
 * returned, so the caller fails the run. Every path under the folder is written relative to it
 * ({@link PortablePaths}), so the folder can be moved, zipped or opened elsewhere. Limits: an I/O
 * error writing a file is thrown
 * ({@link IOException}); interruptions and fatal errors are passed on.
 */
public final class ReportFiles {
    /** The four file names, in the order written. */
    public static final List<String> NAMES = List.of("index.html", "report.md", "junit.xml", "report.json");

    private ReportFiles() {
    }

    /** Writes the four files; returns one line per renderer that threw (empty when all rendered). */
    public static List<String> write(Path dir, ConformanceReport r) throws IOException {
        Map<String, Function<ConformanceReport, String>> renderers = new LinkedHashMap<>();
        renderers.put("index.html", HtmlReport::render);
        renderers.put("report.md", MarkdownReport::render);
        renderers.put("junit.xml", JunitReport::render);
        renderers.put("report.json", JsonReport::render);
        return write(dir, r, renderers);
    }

    /** As {@link #write(Path, ConformanceReport)} with the given renderers (tests plant a throwing one). */
    static List<String> write(Path dir, ConformanceReport r, Map<String, Function<ConformanceReport, String>> renderers)
            throws IOException {
        Files.createDirectories(dir);
        List<String> problems = new ArrayList<>();
        ConformanceReport portable = r;
        try {
            portable = PortablePaths.of(r, dir);
        } catch (Throwable t) {
            Severity.rethrowIfNotFailure(t);
            problems.add("making the paths relative threw " + ThrowableDigest.of(t).headline());
        }
        for (Map.Entry<String, Function<ConformanceReport, String>> e : renderers.entrySet()) {
            String text;
            try {
                text = e.getValue().apply(portable);
            } catch (Throwable t) {
                Severity.rethrowIfNotFailure(t);
                String problem = "rendering " + e.getKey() + " threw " + ThrowableDigest.of(t).headline();
                problems.add(problem);
                text = FallbackReport.render(e.getKey(), portable, problem);
            }
            Files.writeString(dir.resolve(e.getKey()), text);
        }
        return problems;
    }
}
