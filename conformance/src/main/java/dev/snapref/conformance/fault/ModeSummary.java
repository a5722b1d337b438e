package dev.snapref.conformance.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one fault-mode campaign did: scripts (or images) tried, the mode's counts (crash points,
 * exceptions verified, faults fired, images rejected, ...) and the failures, shrunk. Rendered as
 * {@code DIR/MODE-summary.txt}; deterministic for a seed and count except the {@code time} lines.
 */
public record ModeSummary(String mode, String seed, String shards, long scripts, Map<String, Long> counts,
                          List<String> failures, long nanos) {
    public ModeSummary {
        counts = new TreeMap<>(counts);
        failures = List.copyOf(failures);
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("mode ").append(mode).append('\n');
        sb.append("seed ").append(seed).append('\n');
        sb.append("shards ").append(shards).append('\n');
        sb.append("scripts ").append(scripts).append('\n');
        counts.forEach((k, v) -> sb.append("count ").append(k).append(' ').append(v).append('\n'));
        sb.append("failures ").append(failures.size()).append('\n');
        failures.forEach(f -> sb.append("failure ").append(f).append('\n'));
        sb.append("time-nanos ").append(nanos).append('\n');
        return sb.toString();
    }

    /** One line for the conformance report's notes. */
    public String note() {
        StringBuilder sb = new StringBuilder(mode).append(": ").append(scripts).append(" scripts");
        counts.forEach((k, v) -> sb.append(", ").append(v).append(' ').append(k));
        sb.append(", ").append(failures.size()).append(" failures");
        return sb.toString();
    }

    public long count(String key) {
        return counts.getOrDefault(key, 0L);
    }

    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(mode + "-summary.txt"), render());
    }
}
