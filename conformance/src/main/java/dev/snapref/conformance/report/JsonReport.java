package dev.snapref.conformance.report;

import java.util.List;
import java.util.Map;

/** {@code report.json}: the whole report as JSON for tools. */
public final class JsonReport {
    private JsonReport() {
    }

    public static String render(ConformanceReport r) {
        StringBuilder sb = new StringBuilder("{\n");
        field(sb, "target", r.target()).append(",\n");
        field(sb, "bug", r.bug()).append(",\n");
        field(sb, "date", r.date()).append(",\n");
        sb.append("  \"passed\": ").append(r.passed()).append(",\n");
        sb.append("  \"corpusScripts\": ").append(r.corpusScripts()).append(",\n");
        sb.append("  \"corpusDiverged\": ").append(r.corpusDiverged()).append(",\n");
        sb.append("  \"explorerScripts\": ").append(r.explorerScripts()).append(",\n");
        sb.append("  \"fuzzScripts\": ").append(r.fuzzScripts()).append(",\n");
        sb.append("  \"commandsChecked\": ").append(r.commandsChecked()).append(",\n");
        sb.append(String.format("  \"seconds\": %.3f,%n", r.seconds()));
        sb.append(String.format("  \"commandsPerSecond\": %.0f,%n", r.commandsPerSecond()));
        sb.append("  \"phaseTransitions\": {");
        int i = 0;
        for (Map.Entry<String, Long> e : r.phaseTransitions().entrySet()) {
            sb.append(i++ == 0 ? "" : ", ").append(str(e.getKey())).append(": ").append(e.getValue());
        }
        sb.append("},\n  \"notes\": ").append(strings(r.notes())).append(",\n  \"clauses\": [\n");
        for (int k = 0; k < r.clauses().size(); k++) {
            ClauseResult c = r.clauses().get(k);
            sb.append("    {\"id\": ").append(str(c.clause().id())).append(", \"status\": ").append(str(c.status().name()))
                    .append(", \"steps\": ").append(c.steps()).append(", \"text\": ").append(str(c.clause().text()))
                    .append(", \"kernelFunction\": ").append(str(c.clause().kernelFunction()))
                    .append(", \"scenarios\": ").append(strings(c.scenarios()))
                    .append(", \"failures\": ").append(strings(c.failures())).append('}')
                    .append(k + 1 < r.clauses().size() ? ",\n" : "\n");
        }
        return sb.append("  ]\n}\n").toString();
    }

    private static StringBuilder field(StringBuilder sb, String name, String value) {
        return sb.append("  ").append(str(name)).append(": ").append(value == null ? "null" : str(value));
    }

    private static String strings(List<String> xs) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < xs.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(str(xs.get(i)));
        }
        return sb.append(']').toString();
    }

    /** {@code s} as a JSON string literal (quotes, backslashes and control characters escaped). */
    public static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
