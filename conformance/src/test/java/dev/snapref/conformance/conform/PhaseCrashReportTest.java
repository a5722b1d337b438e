package dev.snapref.conformance.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.conformance.fault.CrashCampaign;
import dev.snapref.conformance.fault.FaultCampaign;
import dev.snapref.conformance.fault.ModeSummary;
import dev.snapref.conformance.fault.ScriptMode;
import dev.snapref.conformance.fuzz.FuzzCampaign;
import dev.snapref.conformance.report.ClauseResult;
import dev.snapref.conformance.report.ClauseStatus;
import dev.snapref.conformance.report.ConformanceReport;
import dev.snapref.conformance.report.ReportFiles;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.conformance.targets.Target;
import dev.snapref.conformance.targets.TargetOptions;
import dev.snapref.conformance.targets.TargetRun;
import dev.snapref.conformance.targets.engine.EngineTarget;
import dev.snapref.conformance.targets.model.ModelTarget;
import dev.snapref.model.explore.Explorer;
import dev.snapref.model.explore.ExplorerConfig;
import dev.snapref.scenario.CreateCommand;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.WriteCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, the gate never crashes: an engine that throws in any phase of a conformance run
 * (corpus, explorer scripts, fuzz, faults, crash, corrupt images; conform has no concurrency
 * phase) gives a failed run whose four report files all name the failing clause and the
 * exception, with a reproducer file naming the phase, seed, exception and message. Also: a fatal
 * error skips the later phases, a target that cannot step (the kernel's batch phase) and work done
 * before the run are guarded too.
 */
class PhaseCrashReportTest {
    private static final String CORPUS_SCRIPT = """
            disk origin 64
            disk cow 64
            dmsetup create origin --table '0 64 snapshot-origin /dev/disk/origin'
            dmsetup create snap --table '0 64 snapshot /dev/disk/origin /dev/disk/cow P 8'
            write /dev/mapper/origin 0 8 A
            read /dev/mapper/snap 0 8
            dmsetup status snap
            """;
    private static final Pattern REPRODUCER = Pattern.compile("reproducer[ =](\\S+\\.dms)");

    @TempDir
    Path dir;

    @Test
    void anEngineThrowingOnACorpusScriptFailsItsClauseWithAShrunkReproducer() throws IOException {
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        Files.writeString(corpus.resolve("planted.dms"), CORPUS_SCRIPT);
        ConformanceReport r = new ConformanceRun(config(0, List.of(corpus), List.of()), model(),
                new ThrowingEngine(WriteCommand.class, 1)).run(null);
        String failure = assertReportNames(r, "corpus planted");
        Path repro = assertReproducer(failure, "corpus");
        assertTrue(Files.readString(repro).contains("# shrink: shrunk"), Files.readString(repro));
        assertEquals(1, r.corpusDiverged());
    }

    @Test
    void anEngineThrowingOnExplorerScriptsFailsWithOneReproducerPerDistinctThrow() throws IOException {
        Explorer explorer = new Explorer(ExplorerConfig.defaults());
        explorer.explore(3);
        List<Script> scripts = explorer.leafScripts(40);
        ConformanceReport r = new ConformanceRun(config(0, List.of(), scripts), model(),
                new ThrowingEngine(CreateCommand.class, 1)).run(null);
        String failure = assertReportNames(r, "explorer script ");
        assertReproducer(failure, "explorer");
        try (Stream<Path> files = Files.list(dir.resolve("out/crash-reproducers"))) {
            assertEquals(1, files.count(), "the same throw on many scripts: one reproducer");
        }
    }

    @Test
    void anEngineThrowingDuringFuzzingFailsWithAShrunkFuzzReproducer() throws IOException {
        ConformanceReport r = new ConformanceRun(config(1.0, List.of(), List.of()), model(),
                new ThrowingEngine(WriteCommand.class, 2)).run(null);
        String failure = assertReportNames(r, "fuzz seed ");
        assertTrue(failure.contains("CRASH:AssertionError"), failure);
        assertReproducer(failure, "fuzz");
    }

    @Test
    void anEngineThrowingInTheFaultsModeAndInItsDescriptionFailsFlt1() throws IOException {
        FaultModeCampaigns modes = modes(quiet("crash"), new PlantedMode(new FaultCampaign(Set.of()), true),
                PhaseCrashReportTest::noImages);
        ConformanceReport r = runWithModes(modes);
        String failure = assertFails(r, "FLT-1");
        assertReportFilesName(r, "FLT-1", failure);
        Path repro = assertReproducer(failure, "faults");
        assertTrue(Files.readString(repro).contains("no description: describing the script threw"),
                Files.readString(repro));
    }

    @Test
    void anEngineThrowingInTheCrashModeFailsCrs1() throws IOException {
        FaultModeCampaigns modes = modes(new PlantedMode(new CrashCampaign(Set.of()), false), quiet("faults"),
                PhaseCrashReportTest::noImages);
        ConformanceReport r = runWithModes(modes);
        String failure = assertFails(r, "CRS-1");
        assertReportFilesName(r, "CRS-1", failure);
        assertReproducer(failure, "crash");
    }

    @Test
    void aCorruptImageCampaignThatThrowsOutOfItsOwnGuardFailsCim1() throws IOException {
        FaultModeCampaigns modes = modes(quiet("crash"), quiet("faults"), () -> {
            throw new AssertionError(ThrowingEngine.PLANTED + " in the corrupt-image campaign");
        });
        ConformanceReport r = runWithModes(modes);
        String failure = assertFails(r, "CIM-1");
        assertTrue(failure.startsWith("corrupt-images threw java.lang.AssertionError"), failure);
        assertReportFilesName(r, "CIM-1", failure);
        String text = Files.readString(assertReproducer(failure, "corrupt-images"));
        assertTrue(text.contains("# script: none was running"), text);
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("faults: ")), "the other modes still ran");
    }

    @Test
    void aFatalErrorFailsItsPhaseAndSkipsTheLaterOnesButTheReportIsWritten() throws IOException {
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        Files.writeString(corpus.resolve("planted.dms"), CORPUS_SCRIPT);
        ConformanceReport r = new ConformanceRun(config(1.0, List.of(corpus), List.of()), model(),
                new ThrowingEngine(WriteCommand.class, 1, true)).run(null);
        assertFalse(r.passed());
        String failure = r.clauses().stream().flatMap(c -> c.failures().stream())
                .filter(f -> f.startsWith("corpus threw java.lang.OutOfMemoryError")).findFirst().orElseThrow();
        assertTrue(failure.contains("on corpus planted") && failure.contains("later phases skipped"), failure);
        assertTrue(r.notes().contains("phases skipped after a fatal error: explorer, fuzz"), r.notes().toString());
        assertEquals(0, r.fuzzScripts());
        assertEquals(List.of(), ReportFiles.write(dir.resolve("out"), r));
        assertTrue(Files.readString(dir.resolve("out/report.md")).contains("OutOfMemoryError"));
        assertTrue(Files.readString(assertReproducerFile(failure)).contains("not shrunk: a fatal error is not re-run"));
    }

    @Test
    void aTargetThatCannotStepAndThrowsFailsTheBatchPhase() throws IOException {
        Target kernelLike = new Target() {
            @Override
            public String name() {
                return "kernel";
            }

            @Override
            public TargetRun run(Script script) {
                throw new AssertionError(ThrowingEngine.PLANTED + " in a batch target");
            }
        };
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        Files.writeString(corpus.resolve("planted.dms"), CORPUS_SCRIPT);
        ConformanceReport r = new ConformanceRun(config(0, List.of(corpus), List.of()), model(), kernelLike).run(null);
        String failure = assertFails(r, "GEN-1");
        assertTrue(failure.startsWith("batch threw java.lang.AssertionError"), failure);
        assertReportFilesName(r, "GEN-1", failure);
        assertReproducer(failure, "batch");
    }

    @Test
    void aThrowBeforeTheRunStartedFailsThatPhase() throws IOException {
        ConformanceReport r = new ConformanceRun(config(0, List.of(), List.of()), model(), new EngineTarget())
                .phaseThrew("explorer", new AssertionError(ThrowingEngine.PLANTED + " deriving the explorer's scripts"))
                .run(null);
        String failure = assertFails(r, "GEN-1");
        assertReportFilesName(r, "GEN-1", failure);
        assertReproducer(failure, "explorer");
    }

    private ConformanceReport runWithModes(FaultModeCampaigns modes) {
        return new ConformanceRun(config(0.1, List.of(), List.of()), model(), new EngineTarget())
                .withFaultModes(modes).run(null);
    }

    private ConformanceRun.Config config(double fuzzSeconds, List<Path> corpus, List<Script> explorer) {
        return new ConformanceRun.Config(null, fuzzSeconds, 1, corpus, dir.resolve("out"), explorer);
    }

    private static SteppableTarget model() {
        return (SteppableTarget) ModelTarget.fromOptions(TargetOptions.defaults());
    }

    /** The one clause that fails; its failure that names the planted exception. */
    private static String assertFails(ConformanceReport r, String clauseId) {
        assertFalse(r.passed(), "a planted throw fails the run (exit 1)");
        ClauseResult c = r.clauses().stream().filter(x -> x.clause().id().equals(clauseId)).findFirst().orElseThrow();
        assertEquals(ClauseStatus.FAIL, c.status(), clauseId + ": " + c);
        return c.failures().stream().filter(f -> f.contains("AssertionError") && f.contains(ThrowingEngine.PLANTED))
                .findFirst().orElseThrow(() -> new AssertionError(clauseId + " failures name no exception: "
                        + c.failures()));
    }

    /** Some clause fails with a line from {@code source} naming the exception; the files name it. */
    private String assertReportNames(ConformanceReport r, String source) throws IOException {
        ClauseResult c = r.clauses().stream().filter(x -> x.status() == ClauseStatus.FAIL)
                .filter(x -> x.failures().stream().anyMatch(f -> f.startsWith(source) && f.contains("AssertionError")))
                .findFirst().orElseThrow(() -> new AssertionError("no failing clause names the throw: " + r.clauses()));
        String failure = assertFails(r, c.clause().id());
        assertTrue(failure.contains("AssertionError"), failure);
        assertReportFilesName(r, c.clause().id(), failure);
        return failure;
    }

    /** All four files are written, and each names the failing clause, the exception and the planted message. */
    private void assertReportFilesName(ConformanceReport r, String clauseId, String failure) throws IOException {
        Path out = dir.resolve("out");
        assertEquals(List.of(), ReportFiles.write(out, r), "every renderer rendered");
        String exception = failure.contains("java.lang.AssertionError") ? "java.lang.AssertionError" : "AssertionError";
        for (String name : ReportFiles.NAMES) {
            String text = Files.readString(out.resolve(name));
            assertTrue(text.contains(exception) && text.contains(ThrowingEngine.PLANTED), name + " names the exception");
        }
        assertTrue(Files.readString(out.resolve("report.json")).contains("\"id\": \"" + clauseId + "\", \"status\": \"FAIL\""));
        assertTrue(Files.readString(out.resolve("report.md")).contains("| " + clauseId + " | FAIL |"));
        assertTrue(Files.readString(out.resolve("junit.xml")).contains("<failure message=\"" + clauseId + " failed: "));
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<tr class=\"FAIL\" data-status=\"FAIL\"") && html.contains("id=\"fail-" + clauseId + "\""),
                "the clause's row and its failure block");
    }

    /** The reproducer the failure names exists and names phase, seed, exception and message. */
    private static Path assertReproducer(String failure, String phase) throws IOException {
        Path file = assertReproducerFile(failure);
        String text = Files.readString(file);
        for (String want : List.of("# phase: " + phase, "# seed: ", "java.lang.AssertionError", ThrowingEngine.PLANTED,
                "frames")) {
            assertTrue(text.contains(want), "reproducer names " + want + ":\n" + text);
        }
        return file;
    }

    private static Path assertReproducerFile(String failure) {
        Matcher m = REPRODUCER.matcher(failure);
        assertTrue(m.find(), "the failure names its reproducer: " + failure);
        Path file = Path.of(m.group(1));
        assertTrue(Files.isRegularFile(file), file.toString());
        return file;
    }

    private static FaultModeCampaigns modes(ScriptMode crash, ScriptMode faults, Supplier<ModeSummary> images) {
        return new FaultModeCampaigns() {
            @Override
            public ScriptMode crash() {
                return crash;
            }

            @Override
            public ScriptMode faults() {
                return faults;
            }

            @Override
            public ModeSummary corruptImages(FuzzCampaign.Config config) {
                return images.get();
            }
        };
    }

    /** A mode that checks nothing (keeps the other modes' tests short). */
    private static ScriptMode quiet(String name) {
        return new ScriptMode() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<dev.snapref.conformance.fault.Finding> check(Script script, long seed,
                                                                          Map<String, Long> counts) {
                return Optional.empty();
            }
        };
    }

    private static ModeSummary noImages() {
        return new ModeSummary("corrupt-images", "1", "0/1", 0, Map.of(), List.of(), 0);
    }
}
