package dev.snapref.cli;

import dev.snapref.conformance.conform.KernelConformance;
import dev.snapref.conformance.conform.KernelMatrix;
import dev.snapref.conformance.kernel.KernelTarget;
import dev.snapref.conformance.report.ClauseStatus;
import dev.snapref.conformance.report.ConformanceReport;
import dev.snapref.conformance.report.KernelColumn;
import dev.snapref.conformance.report.KernelMatrixReport;
import dev.snapref.conformance.report.MatrixHtml;
import dev.snapref.conformance.report.MatrixJson;
import dev.snapref.conformance.report.MatrixJunit;
import dev.snapref.conformance.report.MatrixMarkdown;
import dev.snapref.conformance.report.ReportFiles;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.conformance.targets.TargetOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code snapref conform --target kernel [--kernel A --kernel B ...] [--scripts N]}: the corpus,
 * the explorer's scripts and N generated scripts on each kernel against the model, written as
 * one matrix report ({@code index.html}, {@code report.md}, {@code junit.xml}, {@code report.json}:
 * clause x kernel, differences between kernels side by side) and each kernel's own report under
 * {@code kernels/KERNEL/}. Every kernel is fetched and its guest built before any runs, so a kernel that
 * cannot be fetched is exit 2 before any runs. Exit 1 when a kernel fails a clause.
 */
final class KernelConform {
    private KernelConform() {
    }

    static int run(ConformCommand cmd) throws IOException {
        if (cmd.target.bug != null) {
            throw new UsageException("--bug is for the engine; the kernel target has no bug switches");
        }
        List<String> names = cmd.target.kernel.all().isEmpty() ? java.util.Collections.singletonList(null)
                : cmd.target.kernel.all();
        List<KernelTarget> kernels = new ArrayList<>();
        for (String k : names) {
            kernels.add(KernelTarget.fromOptions(TargetOptions.defaults().withKernel(k)));
        }
        SteppableTarget model = CheckedTargets.steppable(cmd.target, "model");
        KernelConformance.Config config = new KernelConformance.Config(cmd.corpusDirs(),
                ExplorerScripts.derive(cmd.explorerDepth), cmd.seed, cmd.scripts, cmd.out, 12);
        KernelMatrixReport m;
        try {
            m = KernelMatrix.run(config, model, kernels, cmd.quiet ? null : System.err);
        } catch (IllegalArgumentException e) { // a malformed corpus script: file, line, column
            throw new UsageException(e.getMessage());
        }
        try {
            write(cmd.out, m);
        } catch (IOException e) {
            throw new UsageException("cannot write the report to " + cmd.out + ": " + e);
        }
        print(cmd.spec.commandLine().getOut(), m, cmd.out);
        return m.passed() ? ExitCode.OK : ExitCode.FAILED;
    }

    static void write(Path out, KernelMatrixReport m) throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("index.html"), MatrixHtml.render(m));
        Files.writeString(out.resolve("report.md"), MatrixMarkdown.render(m));
        Files.writeString(out.resolve("junit.xml"), MatrixJunit.render(m));
        Files.writeString(out.resolve("report.json"), MatrixJson.render(m));
        for (KernelColumn k : m.kernels()) {
            List<String> problems = ReportFiles.write(out.resolve(MatrixJson.detailsPath(k)).getParent(), k.report());
            if (!problems.isEmpty()) {
                throw new UsageException("cannot render the report of " + k.kernel() + ": " + problems);
            }
        }
    }

    private static void print(PrintWriter pw, KernelMatrixReport m, Path out) {
        for (KernelColumn k : m.kernels()) {
            ConformanceReport r = k.report();
            pw.printf("%s (%s; %s): %s — clauses %d pass, %d fail, %d uncovered; corpus %d (%d diverged), explorer %d, "
                            + "generated %d; %d unfinished; %.0f s%n", k.kernel(), k.release(), k.snapshotTargets(),
                    r.passed() ? "PASS" : "FAIL", r.count(ClauseStatus.PASS), r.count(ClauseStatus.FAIL),
                    r.count(ClauseStatus.UNCOVERED), r.corpusScripts(), r.corpusDiverged(), r.explorerScripts(),
                    r.fuzzScripts(), k.unfinished().size(), r.seconds());
            r.clauses().stream().filter(c -> c.status() == ClauseStatus.FAIL).forEach(c -> c.failures().stream()
                    .limit(5).forEach(f -> pw.println("  FAILED " + c.clause().id() + ": " + f)));
        }
        pw.println(m.differences().size() + " scripts differ between kernels");
        m.differences().stream().limit(20).forEach(d -> pw.println("  " + d.script() + ": " + d.kernelA() + " vs "
                + d.kernelB() + " at " + d.summary()));
        pw.println("report: " + out.resolve("index.html"));
        pw.flush();
    }
}
