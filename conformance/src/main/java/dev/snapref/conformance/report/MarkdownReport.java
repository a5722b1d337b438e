package dev.snapref.conformance.report;

/** {@code report.md}: the clause table and the run's figures in Markdown. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(ConformanceReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("# snapref conformance report: ").append(r.target())
                .append(r.bug() == null ? "" : " (bug switch: " + r.bug() + ")").append("\n\n");
        sb.append("Verdict: **").append(r.passed() ? "PASS" : "FAIL").append("**. ").append(r.date()).append("\n\n");
        sb.append(String.format("- clauses: %d pass, %d fail, %d uncovered (of %d)%n", r.count(ClauseStatus.PASS),
                r.count(ClauseStatus.FAIL), r.count(ClauseStatus.UNCOVERED), r.clauses().size()));
        sb.append(String.format("- corpus scenarios: %d (%d diverged); explorer scripts: %d; fuzz scripts: %d%n",
                r.corpusScripts(), r.corpusDiverged(), r.explorerScripts(), r.fuzzScripts()));
        sb.append(String.format("- commands checked: %d in %.1f s (%.0f checked commands/s)%n%n", r.commandsChecked(),
                r.seconds(), r.commandsPerSecond()));
        for (String n : r.notes()) {
            sb.append("- ").append(n).append('\n');
        }
        sb.append("\n| clause | status | steps | text | kernel | evidence |\n|---|---|---|---|---|---|\n");
        for (ClauseResult c : r.clauses()) {
            String evidence = c.status() == ClauseStatus.FAIL ? String.join("<br>", c.failures())
                    : String.join(", ", c.scenarios().stream().limit(6).toList());
            sb.append("| ").append(c.clause().id()).append(" | ").append(c.status()).append(" | ").append(c.steps())
                    .append(" | ").append(c.clause().text().replace("|", "\\|")).append(" | ")
                    .append(c.clause().kernelFunction()).append(" | ").append(evidence.replace("|", "\\|"))
                    .append(" |\n");
        }
        sb.append("\n## Handover phase transitions observed (cow /dev/disk/cow)\n\n");
        r.phaseTransitions().forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }
}
