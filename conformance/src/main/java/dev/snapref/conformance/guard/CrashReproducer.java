package dev.snapref.conformance.guard;

import dev.snapref.scenario.Script;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The reproducer of a crash: {@code DIR/PHASE-crash-LABEL.dms}, a scenario script whose header
 * comments name the phase, the seed, the script's source, the targets and bug switch, the
 * exception's class and message, its top engine frames, how the script was shrunk and how to
 * replay it; the (shrunk) script follows. When no script was running (a campaign threw outside
 * its scripts) the file has the header only.
 *
 * <p>Guarantees: never overwrites an existing file (a {@code -2}, {@code -3}, ... suffix is added);
 * the header is comments only, so the file parses as the script it carries and replays with
 * {@code snapref replay} (or {@code snapref fuzz --faults|--crash --replay} for those phases).
 * Limits: a replay re-runs the script on the named targets; a crash planted by a test target does
 * not replay on the real engine.
 */
public final class CrashReproducer {
    private CrashReproducer() {
    }

    /** What goes into one reproducer. */
    public record Content(String phase, String seed, String source, String bug, ThrowableDigest cause,
                          Script script, String shrinkNote) {
    }

    /** Writes the reproducer into {@code dir} (created if needed) and returns its path. */
    public static Path write(Path dir, String label, Content c) throws IOException {
        Files.createDirectories(dir);
        String safe = label.replaceAll("[^A-Za-z0-9_.-]+", "_");
        String base = c.phase() + "-crash-" + (safe.length() <= 80 ? safe : safe.substring(0, 80));
        Path file = dir.resolve(base + ".dms");
        for (int k = 2; Files.exists(file); k++) {
            file = dir.resolve(base + "-" + k + ".dms");
        }
        String id = file.getFileName().toString().replaceAll("\\.dms$", "");
        Files.writeString(file, String.join("\n", header(id, c)) + "\n" + (c.script() == null ? "" : c.script().render()));
        return file;
    }

    private static List<String> header(String id, Content c) {
        List<String> head = new ArrayList<>();
        head.add("snapref reproducer " + id);
        head.add("phase: " + c.phase());
        head.add("seed: " + c.seed());
        head.add("script: " + (c.script() == null ? "none was running (the phase threw outside its scripts)"
                : c.source().isEmpty() ? "(unnamed)" : c.source()));
        head.add("targets: model,engine");
        head.add("bug: " + (c.bug() == null ? "none" : c.bug()));
        head.add("signature: " + c.phase() + ":java-exception:" + c.cause().simpleName());
        head.addAll(c.cause().describe());
        head.add("shrink: " + c.shrinkNote());
        head.add("replay: " + replay(c));
        List<String> out = new ArrayList<>();
        head.forEach(l -> out.add("# " + l));
        return out;
    }

    private static String replay(Content c) {
        String bug = c.bug() == null ? "" : " --target engine --bug " + c.bug();
        return switch (c.phase()) {
            case "faults", "crash" -> "./snapref fuzz --" + c.phase() + " --replay FILE" + bug;
            case "corrupt-images" -> "./snapref fuzz --corrupt-images --seed " + c.seed() + bug
                    + " (the campaign threw outside its images; rerun it)";
            default -> c.script() == null ? "rerun the phase with the seed above" : "./snapref replay FILE";
        };
    }
}
