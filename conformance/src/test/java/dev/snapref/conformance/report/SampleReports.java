package dev.snapref.conformance.report;

import dev.snapref.conformance.conform.ConformanceRun;
import dev.snapref.conformance.conform.Corpus;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.conformance.targets.TargetOptions;
import dev.snapref.conformance.targets.engine.EngineTarget;
import dev.snapref.conformance.targets.model.ModelTarget;
import dev.snapref.engine.kernel.EngineBug;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Real reports for the report's own tests, made once per JVM under {@code target/sample-reports}:
 * a passing one (the correct engine on the corpus) and the failing one of issue 17 (the engine with
 * {@code origin-write-skips-snapshot} on the corpus, one second of fuzzing and the fault modes),
 * written by {@link ReportFiles} like {@code snapref conform} writes them.
 */
final class SampleReports {
    /** The bug switch of the failing report. */
    static final String BUG = "origin-write-skips-snapshot";
    private static final Map<String, Path> MADE = new HashMap<>();

    private SampleReports() {
    }

    /** The folder of the passing report. */
    static synchronized Path passing() {
        return MADE.computeIfAbsent("passing", k -> make(k, null, 0));
    }

    /** The folder of the failing report. */
    static synchronized Path failing() {
        return MADE.computeIfAbsent("failing", k -> make(k, EngineBug.byId(BUG), 1.0));
    }

    private static Path make(String name, EngineBug bug, double fuzzSeconds) {
        try {
            Path dir = Path.of("target", "sample-reports", name).toAbsolutePath();
            if (Files.exists(dir)) {
                try (var s = Files.walk(dir)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
            Path testdata = Corpus.findTestdata().orElseThrow(() -> new IllegalStateException("no testdata/"));
            ConformanceRun.Config config = new ConformanceRun.Config(bug == null ? null : BUG, fuzzSeconds, 1,
                    List.of(testdata.resolve("kernel-transcripts"), testdata.resolve("goldens")), dir, List.of());
            SteppableTarget model = (SteppableTarget) ModelTarget.fromOptions(TargetOptions.defaults());
            ConformanceRun run = new ConformanceRun(config, model,
                    new EngineTarget(bug == null ? Set.of() : Set.of(bug)));
            if (bug != null) {
                run.withCorrectCandidate(new EngineTarget());
            }
            ConformanceReport r = run.run(null);
            List<String> problems = ReportFiles.write(dir, r);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("rendering problems: " + problems);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of report folder {@code dir} at {@code to} (the original moved away: nothing may point back). */
    static Path copy(Path dir, Path to) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(dir.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
        return to;
    }
}
