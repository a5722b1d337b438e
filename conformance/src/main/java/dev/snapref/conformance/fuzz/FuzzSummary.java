package dev.snapref.conformance.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a campaign (or a merge of shards) did. {@link #render()} is deterministic for a given
 * seed, shard and script count, except the lines that start with {@code time}. The same text
 * is saved as {@code DIR/fuzz-summary.txt} and read back by {@code snapref merge}.
 */
public record FuzzSummary(String seed, String shards, long scripts, long commands, long nanos,
                          Map<String, Long> clauseHits, List<String> failures) {
    public FuzzSummary {
        clauseHits = new TreeMap<>(clauseHits);
        failures = List.copyOf(failures);
    }

    public double commandsPerSecond() {
        return nanos == 0 ? 0 : commands * 1e9 / nanos;
    }

    /** The summary text; only lines starting with "time" vary between identical runs. */
    public String render(int clausesKnown) {
        StringBuilder sb = new StringBuilder();
        sb.append("seed ").append(seed).append('\n');
        sb.append("shards ").append(shards).append('\n');
        sb.append("scripts ").append(scripts).append('\n');
        sb.append("commands ").append(commands).append('\n');
        sb.append("clauses-covered ").append(clauseHits.size()).append('/').append(clausesKnown).append('\n');
        clauseHits.forEach((k, v) -> sb.append("clause ").append(k).append(' ').append(v).append('\n'));
        sb.append("failures ").append(failures.size()).append('\n');
        failures.forEach(f -> sb.append("failure ").append(f).append('\n'));
        sb.append("time-nanos ").append(nanos).append('\n');
        sb.append(String.format("time-commands-per-second %.0f%n", commandsPerSecond()));
        return sb.toString();
    }

    public void save(Path dir, int clausesKnown) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("fuzz-summary.txt"), render(clausesKnown));
    }

    /** Reads a saved summary. */
    public static FuzzSummary load(Path file) throws IOException {
        String seed = "";
        String shards = "";
        long scripts = 0;
        long commands = 0;
        long nanos = 0;
        Map<String, Long> hits = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] w = line.split(" ", 2);
            if (w.length < 2) {
                continue;
            }
            switch (w[0]) {
                case "seed" -> seed = w[1];
                case "shards" -> shards = w[1];
                case "scripts" -> scripts = Long.parseLong(w[1]);
                case "commands" -> commands = Long.parseLong(w[1]);
                case "time-nanos" -> nanos = Long.parseLong(w[1]);
                case "clause" -> {
                    String[] kv = w[1].split(" ");
                    hits.put(kv[0], Long.parseLong(kv[1]));
                }
                case "failure" -> failures.add(w[1]);
                default -> {
                }
            }
        }
        return new FuzzSummary(seed, shards, scripts, commands, nanos, hits, failures);
    }

    /** Adds the shards' counts; time is the longest shard's (they ran side by side). */
    public static FuzzSummary merge(List<FuzzSummary> parts) {
        Map<String, Long> hits = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long scripts = 0;
        long commands = 0;
        long nanos = 0;
        List<String> shardNames = new ArrayList<>();
        for (FuzzSummary p : parts) {
            scripts += p.scripts;
            commands += p.commands;
            nanos = Math.max(nanos, p.nanos);
            p.clauseHits.forEach((k, v) -> hits.merge(k, v, Long::sum));
            failures.addAll(p.failures);
            shardNames.add(p.shards);
        }
        String seed = parts.isEmpty() ? "" : parts.get(0).seed;
        return new FuzzSummary(seed, String.join(",", shardNames), scripts, commands, nanos, hits, failures);
    }
}
