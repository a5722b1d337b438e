package dev.snapref.conformance.report;

import dev.snapref.conformance.clause.Clause;
import java.util.List;
import java.util.stream.Collectors;

/** {@code report.json} of a kernel matrix: kernels, clause x kernel statuses, differences with both transcripts. */
public final class MatrixJson {
    private MatrixJson() {
    }

    /** Where a kernel's own report goes, relative to the matrix folder. */
    public static String detailsPath(KernelColumn k) {
        return "kernels/" + k.kernel().replaceAll("[^A-Za-z0-9.+_-]", "_").replaceAll("^_+", "") + "/index.html";
    }

    public static String render(KernelMatrixReport m) {
        StringBuilder sb = new StringBuilder("{\n  \"date\": ").append(JsonReport.str(m.date()))
                .append(",\n  \"passed\": ").append(m.passed()).append(",\n  \"kernels\": [\n");
        for (int i = 0; i < m.kernels().size(); i++) {
            KernelColumn k = m.kernels().get(i);
            ConformanceReport r = k.report();
            sb.append("    {\"kernel\": ").append(JsonReport.str(k.kernel())).append(", \"release\": ")
                    .append(JsonReport.str(k.release())).append(", \"targets\": {")
                    .append(k.targets().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                            .map(e -> JsonReport.str(e.getKey()) + ": " + JsonReport.str(e.getValue()))
                            .collect(Collectors.joining(", ")))
                    .append("}, \"passed\": ").append(r.passed()).append(", \"corpusScripts\": ").append(r.corpusScripts())
                    .append(", \"explorerScripts\": ").append(r.explorerScripts()).append(", \"generatedScripts\": ")
                    .append(r.fuzzScripts()).append(", \"unfinished\": ").append(strings(k.unfinished()))
                    .append(String.format(", \"seconds\": %.1f", r.seconds())).append(", \"details\": ")
                    .append(JsonReport.str(detailsPath(k))).append('}').append(i + 1 < m.kernels().size() ? ",\n" : "\n");
        }
        sb.append("  ],\n  \"clauses\": [\n");
        List<Clause> cs = m.clauses();
        for (int i = 0; i < cs.size(); i++) {
            Clause c = cs.get(i);
            sb.append("    {\"id\": ").append(JsonReport.str(c.id())).append(", \"status\": {")
                    .append(m.kernels().stream().map(k -> JsonReport.str(k.kernel()) + ": "
                            + JsonReport.str(k.status(c.id()).name())).collect(Collectors.joining(", ")))
                    .append("}}").append(i + 1 < cs.size() ? ",\n" : "\n");
        }
        sb.append("  ],\n  \"differences\": [\n");
        for (int i = 0; i < m.differences().size(); i++) {
            KernelDifference d = m.differences().get(i);
            sb.append("    {\"script\": ").append(JsonReport.str(d.script())).append(", \"kernelA\": ")
                    .append(JsonReport.str(d.kernelA())).append(", \"kernelB\": ").append(JsonReport.str(d.kernelB()))
                    .append(", \"summary\": ").append(JsonReport.str(d.summary())).append(", \"scriptText\": ")
                    .append(JsonReport.str(d.scriptText())).append(", \"transcriptA\": ")
                    .append(JsonReport.str(d.transcriptA())).append(", \"transcriptB\": ")
                    .append(JsonReport.str(d.transcriptB())).append('}')
                    .append(i + 1 < m.differences().size() ? ",\n" : "\n");
        }
        return sb.append("  ]\n}\n").toString();
    }

    private static String strings(List<String> xs) {
        return "[" + xs.stream().map(JsonReport::str).collect(Collectors.joining(", ")) + "]";
    }
}
