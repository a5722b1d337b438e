package dev.snapref.conformance.report;

import java.util.List;
import java.util.Map;

/**
 * {@code report.json}: the whole report as JSON for tools, and what {@code --previous} reads back
 * ({@link PreviousReport}). Per clause: id, status, steps, text, kernel reference, scenarios,
 * failure lines and failure details (source, kind, step, command, reproducer with its path, replay
 * command and script, what failed, transcripts and abstract states); the trend when the report was
 * compared with a previous one. Every string is escaped ({@link #str}); paths are relative to the
 * report folder once {@link ReportFiles} wrote it.
 */
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
        sb.append("},\n  \"notes\": ").append(strings(r.notes())).append(",\n");
        trend(sb, r.trend());
        sb.append("  \"clauses\": [\n");
        for (int k = 0; k < r.clauses().size(); k++) {
            ClauseResult c = r.clauses().get(k);
            sb.append("    {\"id\": ").append(str(c.clause().id())).append(", \"status\": ").append(str(c.status().name()))
                    .append(", \"steps\": ").append(c.steps()).append(", \"text\": ").append(str(c.clause().text()))
                    .append(", \"kernelFunction\": ").append(str(c.clause().kernelFunction()))
                    .append(r.trend().present() ? ", \"trend\": " + str(r.trend().of(c.clause().id()).name()) : "")
                    .append(", \"scenarios\": ").append(strings(c.scenarios()))
                    .append(", \"failures\": ").append(strings(c.failures()))
                    .append(", \"details\": ").append(details(c.details())).append('}')
                    .append(k + 1 < r.clauses().size() ? ",\n" : "\n");
        }
        return sb.append("  ]\n}\n").toString();
    }

    private static void trend(StringBuilder sb, Trend t) {
        if (!t.present()) {
            sb.append("  \"trend\": null,\n");
            return;
        }
        sb.append("  \"trend\": {\"previousDate\": ").append(str(t.previousDate())).append(", \"previousPassed\": ")
                .append(t.previousPassed()).append(", \"previous\": ").append(str(t.previousWhat()))
                .append(", \"summary\": ").append(str(t.summary())).append(", \"removed\": ")
                .append(strings(t.removed())).append("},\n");
    }

    private static String details(List<FailureDetail> ds) {
        if (ds.stream().noneMatch(FailureDetail::detailed)) {
            return "[]";
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < ds.size(); i++) {
            FailureDetail d = ds.get(i);
            sb.append(i == 0 ? "" : ", ").append("{\"source\": ").append(str(d.source())).append(", \"summary\": ")
                    .append(str(d.summary())).append(", \"kind\": ").append(str(d.kind())).append(", \"step\": ")
                    .append(d.step()).append(", \"command\": ").append(str(d.command())).append(", \"scriptLine\": ")
                    .append(d.scriptLine()).append(", \"reproducer\": ").append(reproducer(d.reproducer()))
                    .append(", \"fact\": ").append(str(d.fact())).append(", \"transcripts\": ")
                    .append(pair(d.transcripts())).append(", \"states\": ").append(pair(d.states())).append('}');
        }
        return sb.append(']').toString();
    }

    private static String reproducer(Reproduction r) {
        return r == null ? "null" : "{\"path\": " + str(r.path()) + ", \"replay\": " + str(r.replay())
                + ", \"originalSteps\": " + r.originalSteps() + ", \"shrunkSteps\": " + r.shrunkSteps()
                + ", \"script\": " + str(r.script()) + "}";
    }

    private static String pair(TextPair p) {
        return p == null ? "null" : "{\"leftName\": " + str(p.leftName()) + ", \"left\": " + str(p.left())
                + ", \"rightName\": " + str(p.rightName()) + ", \"right\": " + str(p.right()) + "}";
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
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
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
