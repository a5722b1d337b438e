package dev.snapref.conformance.report;

import dev.snapref.conformance.clause.Clause;

/** {@code report.md} of a kernel matrix: kernels, the clause x kernel table, each difference side by side. */
public final class MatrixMarkdown {
    private MatrixMarkdown() {
    }

    public static String render(KernelMatrixReport m) {
        StringBuilder sb = new StringBuilder("# snapref conformance matrix: ").append(m.kernels().size())
                .append(" kernels\n\nVerdict: **").append(m.passed() ? "PASS" : "FAIL").append("**. ").append(m.date())
                .append("\n\n| kernel | release | dm targets | verdict | clauses pass/fail/uncovered | scripts "
                        + "(corpus, explorer, generated) | diverged from the model | unfinished | time |\n"
                        + "|---|---|---|---|---|---|---|---|---|\n");
        for (KernelColumn k : m.kernels()) {
            ConformanceReport r = k.report();
            sb.append(String.format("| %s | %s | %s | %s | %d/%d/%d | %d, %d, %d | %d | %d | %.0f s |%n", k.kernel(),
                    k.release(), k.snapshotTargets(), r.passed() ? "PASS" : "FAIL", r.count(ClauseStatus.PASS),
                    r.count(ClauseStatus.FAIL), r.count(ClauseStatus.UNCOVERED), r.corpusScripts(),
                    r.explorerScripts(), r.fuzzScripts(), failures(r), k.unfinished().size(), r.seconds()));
        }
        sb.append("\n## Clauses\n\n| clause | text |");
        m.kernels().forEach(k -> sb.append(' ').append(k.release().isEmpty() ? k.kernel() : k.release()).append(" |"));
        sb.append("\n|---|---|").append("---|".repeat(m.kernels().size())).append('\n');
        for (Clause c : m.clauses()) {
            sb.append("| ").append(c.id()).append(" | ").append(c.text().replace("|", "\\|")).append(" |");
            m.kernels().forEach(k -> sb.append(' ').append(k.status(c.id())).append(" |"));
            sb.append('\n');
        }
        for (KernelColumn k : m.kernels()) {
            sb.append("\n## ").append(k.kernel()).append("\n\n");
            k.report().clauses().stream().filter(c -> c.status() == ClauseStatus.FAIL).forEach(c -> c.failures()
                    .forEach(f -> sb.append("- ").append(c.clause().id()).append(": ").append(f).append('\n')));
            k.report().notes().forEach(n -> sb.append("- ").append(n).append('\n'));
            k.unfinished().forEach(u -> sb.append("- unfinished: ").append(u).append('\n'));
        }
        sb.append("\n## Differences between kernels (").append(m.differences().size()).append(")\n");
        for (KernelDifference d : m.differences()) {
            sb.append("\n### ").append(d.script()).append(": ").append(d.kernelA()).append(" vs ").append(d.kernelB())
                    .append("\n\nFirst difference at ").append(d.summary()).append(".\n\n```\n").append(d.scriptText())
                    .append("```\n\n```\n").append(SideBySide.text(d.transcriptA(), d.transcriptB(), 72)).append("```\n");
        }
        return sb.toString();
    }

    static long failures(ConformanceReport r) {
        return r.clauses().stream().mapToLong(c -> c.failures().size()).sum();
    }
}
