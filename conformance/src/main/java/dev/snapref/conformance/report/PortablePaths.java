package dev.snapref.conformance.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Makes a report's paths relative to the folder it is written into, so the folder can be zipped,
 * uploaded as a CI artifact and opened anywhere: every spelling of the folder followed by a
 * separator (absolute, normalised, real path behind symbolic links, and as the caller gave it) is
 * removed from every text of the report (failure lines and details, reproducer paths and replay
 * commands, notes), leaving paths such as {@code reproducers/fail-1a2b.dms}.
 *
 * <p>Limits: only paths inside the report folder become relative; a path outside it (a corpus
 * file named in an input error, say) is left as it is, since no relative path inside the folder
 * could reach it. Clause texts come from the catalogue and are not rewritten.
 */
public final class PortablePaths {
    private PortablePaths() {
    }

    /** {@code r} with every path under {@code dir} relative to {@code dir}. */
    public static ConformanceReport of(ConformanceReport r, Path dir) {
        UnaryOperator<String> f = rewriter(dir);
        List<ClauseResult> rows = new ArrayList<>();
        for (ClauseResult c : r.clauses()) {
            List<FailureDetail> details = c.details().stream().map(d -> d.map(f)).toList();
            rows.add(ClauseResult.of(c.clause(), c.status(), c.steps(), c.scenarios().stream().map(f).toList(),
                    details));
        }
        return r.with(rows, r.notes().stream().map(f).toList(), r.trend());
    }

    /** The function that removes every spelling of {@code dir} + separator from a text. */
    public static UnaryOperator<String> rewriter(Path dir) {
        Set<String> prefixes = new LinkedHashSet<>();
        Path abs = dir.toAbsolutePath().normalize();
        prefixes.add(abs.toString());
        try {
            if (Files.exists(dir)) {
                prefixes.add(dir.toRealPath().toString());
            }
        } catch (IOException e) {
            // the absolute spelling is enough
        }
        prefixes.add(dir.normalize().toString());
        prefixes.add(dir.toString());
        List<String> ordered = prefixes.stream().filter(p -> !p.isEmpty() && !p.equals("/") && !p.equals("."))
                .map(p -> p.endsWith("/") ? p : p + "/").sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        return text -> {
            if (text == null) {
                return null;
            }
            String out = text;
            for (String p : ordered) {
                out = strip(out, p);
            }
            return out;
        };
    }

    /** Removes {@code prefix} where it starts a path: at the start of the text or after a non-path character. */
    private static String strip(String text, String prefix) {
        StringBuilder sb = new StringBuilder(text.length());
        int from = 0;
        for (int i = text.indexOf(prefix); i >= 0; i = text.indexOf(prefix, i + 1)) {
            if (i > 0 && isPathChar(text.charAt(i - 1))) {
                continue;
            }
            sb.append(text, from, i);
            from = i + prefix.length();
            i = from - 1;
        }
        return sb.append(text, from, text.length()).toString();
    }

    private static boolean isPathChar(char c) {
        return Character.isLetterOrDigit(c) || c == '/' || c == '.' || c == '_' || c == '-';
    }
}
