package dev.snapref.conformance.conform;

import dev.snapref.conformance.clause.Clause;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code coverage.json} beside the report: per phase, the clauses, the model transition classes
 * and the engine lines it reached ({@link PhaseCoverage}). Writing it never fails the run: a
 * folder that cannot be written gives the reason back (the report notes it).
 */
final class CoverageJson {
    private CoverageJson() {
    }

    static Optional<String> write(Path folder, PhaseCoverage coverage) {
        StringBuilder sb = new StringBuilder("{\n  \"phases\": {");
        boolean first = true;
        for (Map.Entry<String, PhaseCoverage.Reach> e : coverage.phases().entrySet()) {
            PhaseCoverage.Reach r = e.getValue();
            sb.append(first ? "\n" : ",\n").append("    ").append(q(e.getKey())).append(": {\"clauses\": [")
                    .append(r.clauses.stream().map(c -> q(c.id())).collect(Collectors.joining(", ")))
                    .append("], \"transitions\": [")
                    .append(r.transitions.stream().map(CoverageJson::q).collect(Collectors.joining(", ")))
                    .append("], \"engineLines\": ")
                    .append(r.lines.map(l -> "{\"covered\": " + l.covered() + ", \"total\": " + l.total() + "}")
                            .orElse("null"))
                    .append('}');
            first = false;
        }
        sb.append("\n  },\n  \"clauses\": ").append(Clause.values().length).append("\n}\n");
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("coverage.json"), sb.toString(), StandardCharsets.UTF_8);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("coverage.json not written: " + e);
        }
    }

    private static String q(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
