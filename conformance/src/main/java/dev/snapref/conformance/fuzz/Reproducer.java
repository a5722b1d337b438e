package dev.snapref.conformance.fuzz;

import dev.snapref.conformance.check.CheckResult;
import dev.snapref.conformance.check.Failure;
import dev.snapref.conformance.check.FailureKind;
import dev.snapref.conformance.guard.ThrowableDigest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A shrunk failing script on disk: {@code DIR/ID.dms} (a scenario script whose header comments
 * name the phase, the seed, the targets, the bug switch, the failure and its clause, and for a
 * crash the exception and its top engine frames) with
 * {@code DIR/ID.REF.transcript} and {@code DIR/ID.CAND.transcript} beside it. The script
 * replays on any target, including a real kernel ({@code snapref replay}).
 */
public final class Reproducer {
    private Reproducer() {
    }

    /**
     * Writes the reproducer files and returns the script's path. A CRASH failure's header also
     * names the exception's class, message and top engine frames ({@link ThrowableDigest}).
     */
    public static Path write(Path dir, String id, String phase, long seed, String referenceName, String candidateName,
                             String bug, CheckResult shrunk) throws IOException {
        Files.createDirectories(dir);
        Failure f = shrunk.failure().orElseThrow();
        List<String> head = new ArrayList<>();
        head.add("# snapref reproducer " + id);
        head.add("# phase: " + phase);
        head.add("# seed: " + Long.toUnsignedString(seed));
        head.add("# targets: " + referenceName + "," + candidateName);
        head.add("# bug: " + (bug == null ? "none" : bug));
        head.add("# failure: " + f.kind() + " at step " + (f.step() + 1) + ": " + f.command());
        head.add("# clause: " + f.clause().id() + " " + f.clause().text());
        head.add("# signature: " + f.signature());
        if (f.kind() == FailureKind.CRASH) {
            ThrowableDigest.parse(f.detail()).describe().forEach(l -> head.add("# " + l));
        }
        for (String line : f.detail().split("\n")) {
            if (head.size() > 40) {
                head.add("#   ...");
                break;
            }
            head.add("#   " + line);
        }
        Path script = dir.resolve(id + ".dms");
        Files.writeString(script, String.join("\n", head) + "\n" + shrunk.script().render());
        Files.writeString(dir.resolve(id + "." + referenceName + ".transcript"), shrunk.reference().render());
        Files.writeString(dir.resolve(id + "." + candidateName + ".transcript"), shrunk.candidate().render());
        return script;
    }

    /** The value of header line {@code # KEY: value} in a reproducer script, if present. */
    public static java.util.Optional<String> header(String scriptText, String key) {
        for (String line : scriptText.split("\n")) {
            if (line.startsWith("# " + key + ": ")) {
                return java.util.Optional.of(line.substring(key.length() + 4).trim());
            }
        }
        return java.util.Optional.empty();
    }
}
