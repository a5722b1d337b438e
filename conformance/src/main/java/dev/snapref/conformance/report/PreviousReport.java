package dev.snapref.conformance.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdicts of an earlier report, read from its {@code report.json}: what a new report compares
 * itself with ({@code snapref conform --previous DIR}).
 *
 * <p>Guarantee: {@link #load} either returns every clause id and status the file lists or throws
 * an {@link IllegalArgumentException} whose message names the file and what is wrong with it (no
 * such folder or file, not JSON, no clause list, an unknown status). Limits: only the date, the
 * verdict, the target, the bug switch and the clause statuses are read; nothing else of the old
 * report is compared.
 *
 * @param date     when the previous run started
 * @param passed   its verdict
 * @param target   its target
 * @param bug      its bug switch, or null
 * @param statuses clause id to status, in the file's order
 */
public record PreviousReport(String date, boolean passed, String target, String bug,
                             Map<String, ClauseStatus> statuses) {
    public PreviousReport {
        statuses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(statuses));
    }

    /** Reads {@code DIR/report.json}. */
    public static PreviousReport load(Path dir) {
        Path file = dir.resolve("report.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--previous " + dir + ": no report.json there (give the folder of an "
                    + "earlier 'snapref conform --out')");
        }
        try {
            return parse(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("--previous " + dir + ": report.json cannot be read: " + e.getMessage());
        }
    }

    /** The previous report in {@code json} (a {@code report.json}'s text). */
    static PreviousReport parse(String json) {
        if (!(Json.parse(json) instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (!(root.get("clauses") instanceof List<?> clauses)) {
            throw new IllegalArgumentException("no \"clauses\" list");
        }
        Map<String, ClauseStatus> statuses = new LinkedHashMap<>();
        for (Object o : clauses) {
            if (!(o instanceof Map<?, ?> c) || !(c.get("id") instanceof String id)
                    || !(c.get("status") instanceof String st)) {
                throw new IllegalArgumentException("a clause without a string id and status: " + o);
            }
            try {
                statuses.put(id, ClauseStatus.valueOf(st));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("clause " + id + " has an unknown status " + st);
            }
        }
        return new PreviousReport(text(root.get("date")), Boolean.TRUE.equals(root.get("passed")),
                text(root.get("target")), root.get("bug") instanceof String b ? b : null, statuses);
    }

    private static String text(Object o) {
        return o instanceof String s ? s : "";
    }
}
