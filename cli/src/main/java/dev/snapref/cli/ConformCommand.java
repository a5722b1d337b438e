package dev.snapref.cli;

import dev.snapref.conformance.conform.ConformanceRun;
import dev.snapref.conformance.conform.Corpus;
import dev.snapref.conformance.report.ClauseResult;
import dev.snapref.conformance.report.ClauseStatus;
import dev.snapref.conformance.report.ConformanceReport;
import dev.snapref.conformance.report.PreviousReport;
import dev.snapref.conformance.guard.Severity;
import dev.snapref.conformance.report.ReportFiles;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.conformance.targets.Target;
import dev.snapref.scenario.Script;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code snapref conform}: the correctness gate. Runs the scenario corpus, scripts derived from
 * the explorer's state graph and N seconds of fuzzing against a target, and writes
 * {@code index.html}, {@code report.md}, {@code junit.xml} and {@code report.json} (failures
 * first, every path relative to the folder; with {@code --previous DIR} each clause says whether
 * it is newly failing or fixed since that report). Exit 1 if
 * any clause fails; a throwable of the engine (or of any phase) is a failing clause with a crash
 * reproducer, never a stack trace.
 */
@Command(name = "conform", mixinStandardHelpOptions = true,
        description = "Spec conformance report of a target (default engine): corpus, explorer scripts, fuzzing.")
public final class ConformCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetMixin target;

    @Option(names = "--out", defaultValue = "target/conformance", paramLabel = "DIR",
            description = "Report folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seconds", defaultValue = "60", paramLabel = "N", converter = NumericOptions.PositiveSeconds.class, description = "Seconds of fuzzing (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--seed", defaultValue = "1", description = "Fuzz seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--corpus", paramLabel = "DIR", description = "Scenario folders (default: testdata/kernel-transcripts, testdata/goldens and testdata/scenarios of this checkout).")
    List<Path> corpus;

    @Option(names = "--explorer-depth", defaultValue = "5", paramLabel = "N", converter = NumericOptions.Depth.class,
            description = "Depth of the explorer state graph whose shortest scripts are run (0: none; default ${DEFAULT-VALUE}).")
    int explorerDepth;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Option(names = "--previous", paramLabel = "DIR",
            description = "An earlier report folder: each clause shows whether it is newly failing or fixed since.")
    Path previous;

    @Option(names = "--scripts", defaultValue = "0", paramLabel = "N", converter = NumericOptions.Depth.class,
            description = "With --target kernel: also N generated scripts (the fuzzer's for --seed), shrunk on the "
                    + "kernel when they diverge (default ${DEFAULT-VALUE}).")
    int scripts;

    /**
     * Runs the gate. Exit 1 when a clause fails, including every throwable of the code under test
     * (each phase is guarded: {@link ConformanceRun}), and when a report file could not be rendered
     * (it is written in a plain fallback form); the four report files are written in every such
     * case. Exit 2 for usage and input errors (a malformed corpus script names file, line and
     * column). An interruption, or a second fatal error while the report is written, is the only
     * way out without a report ({@link dev.snapref.conformance.guard.Severity}).
     */
    @Override
    public Integer call() throws IOException {
        if (target.name.equals("kernel")) {
            return KernelConform.run(this);
        }
        if (scripts != 0 || target.kernel.all().size() > 1) {
            throw new UsageException("--scripts and several --kernel are for --target kernel");
        }
        PreviousReport before = null;
        if (previous != null) {
            try {
                before = PreviousReport.load(previous);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        String candidateName = target.name.equals("model") ? "engine" : target.name;
        SteppableTarget model = CheckedTargets.steppable(target, "model");
        Target candidate = target.create(candidateName);
        List<Script> explorer = List.of();
        Throwable explorerThrew = null;
        try {
            explorer = ExplorerScripts.derive(explorerDepth);
        } catch (Throwable t) {
            Severity.rethrowIfNotFailure(t);
            explorerThrew = t;
        }
        ConformanceRun.Config config = new ConformanceRun.Config(target.bug, seconds, seed, corpusDirs(), out,
                explorer);
        ConformanceRun run = new ConformanceRun(config, model, candidate);
        if (explorerThrew != null) {
            run.phaseThrew("explorer", explorerThrew);
        }
        if (target.bug != null && candidate instanceof SteppableTarget) {
            run.withCorrectCandidate(CheckedTargets.correct(target, candidateName));
        }
        ConformanceReport report;
        try {
            report = run.run(quiet ? null : System.err);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new UsageException(e.getMessage());
        }
        if (before != null) {
            report = report.withTrend(before);
        }
        List<String> problems;
        try {
            problems = ReportFiles.write(out, report);
        } catch (IOException e) {
            throw new UsageException("cannot write the report to " + out + ": " + e);
        }
        print(report, problems);
        return report.passed() && problems.isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }

    private void print(ConformanceReport r, List<String> problems) {
        PrintWriter pw = spec.commandLine().getOut();
        try {
            pw.printf("%s: %s — clauses %d pass, %d fail, %d uncovered; corpus %d (%d diverged), explorer %d, fuzz %d "
                            + "scripts; %d commands checked, %.0f checked commands/s%n", r.target(),
                    r.passed() && problems.isEmpty() ? "PASS" : "FAIL", r.count(ClauseStatus.PASS),
                    r.count(ClauseStatus.FAIL), r.count(ClauseStatus.UNCOVERED), r.corpusScripts(),
                    r.corpusDiverged(), r.explorerScripts(), r.fuzzScripts(), r.commandsChecked(),
                    r.commandsPerSecond());
            for (ClauseResult c : r.clauses()) {
                if (c.status() == ClauseStatus.FAIL) {
                    pw.println("FAILED " + c.clause().id() + ": " + c.clause().text());
                    c.failures().stream().limit(5).forEach(f -> pw.println("  " + f));
                }
            }
        } catch (RuntimeException e) {
            pw.println("snapref: the summary could not be printed (" + e + "); see the report");
        }
        if (r.trend().present()) {
            pw.println("since the previous report (" + r.trend().previousDate() + "): " + r.trend().summary());
        }
        problems.forEach(p -> pw.println("FAILED report: " + p));
        pw.println("report: " + out.resolve("index.html"));
        pw.flush();
    }

    List<Path> corpusDirs() {
        if (corpus != null && !corpus.isEmpty()) {
            return corpus;
        }
        Path td = Corpus.findTestdata().orElseThrow(() -> new UsageException(
                "cannot find testdata/ of this checkout; name corpus folders with --corpus"));
        List<Path> dirs = new ArrayList<>();
        dirs.add(td.resolve("kernel-transcripts"));
        dirs.add(td.resolve("goldens"));
        dirs.add(td.resolve("scenarios"));
        return dirs;
    }
}
