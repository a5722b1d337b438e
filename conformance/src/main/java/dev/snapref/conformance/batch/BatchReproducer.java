package dev.snapref.conformance.batch;

import dev.snapref.conformance.kernel.KnownDifferences;
import dev.snapref.conformance.diff.Divergence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A shrunk divergence of a batch target as files: {@code DIR/ID.dms} (the script, its header
 * naming the seed, the targets and kernel, the divergence and its signature) with
 * {@code ID.model.transcript} and {@code ID.TARGET.transcript} beside it; when shrinking removed
 * anything, the script as generated and both its transcripts too ({@code ID.unshrunk.dms},
 * {@code ID.unshrunk.model.transcript}, {@code ID.unshrunk.kernel.transcript}), so a divergence
 * that shrinking changed or lost can still be read where it happened. The scripts replay on any
 * target ({@code snapref diff --targets kernel,model ID.dms}).
 */
public final class BatchReproducer {
    private BatchReproducer() {
    }

    /**
     * Writes the files; returns the script's path. {@code known}: the known differences the
     * divergence was judged with; when there are rules, the header names them (a replay with
     * {@code diff} compares without them, so the kernel's transcript shows them too: the divergence
     * named is the first they do not explain). The kernel's transcript is written as it printed it.
     */
    public static Path write(Path dir, String id, long seed, String kernel, BatchOutcome shrunk, BatchOutcome original,
                             KnownDifferences known) throws IOException {
        int originalSteps = original.script().commands().size();
        Divergence d = shrunk.divergence().orElseThrow();
        Files.createDirectories(dir);
        List<String> head = new ArrayList<>();
        head.add("# snapref reproducer " + id);
        head.add("# seed: " + Long.toUnsignedString(seed));
        head.add("# targets: model,kernel");
        head.add("# kernel: " + kernel);
        head.add("# bug: none");
        head.add("# failure: transcript divergence at " + d.summary());
        head.add("# signature: " + shrunk.signature().orElseThrow());
        if (!known.isEmpty()) {
            head.add("# known differences applied: " + known.source() + " (diff shows them too; the divergence above"
                    + " is the first they do not explain)");
        }
        head.add("# shrunk: " + originalSteps + " -> " + shrunk.script().commands().size() + " commands");
        head.add("# replay: snapref diff --targets kernel,model --kernel " + kernel + " " + id + ".dms");
        Path script = dir.resolve(id + ".dms");
        Files.writeString(script, String.join("\n", head) + "\n" + shrunk.script().render());
        Files.writeString(dir.resolve(id + ".model.transcript"), shrunk.model().orElseThrow().render());
        Files.writeString(dir.resolve(id + ".kernel.transcript"), shrunk.candidate().orElseThrow().render());
        if (!original.script().render().equals(shrunk.script().render())) {
            writeUnshrunk(dir, id, original);
        }
        return script;
    }

    private static void writeUnshrunk(Path dir, String id, BatchOutcome original) throws IOException {
        String where = original.divergence().map(Divergence::summary).orElse("no divergence");
        Files.writeString(dir.resolve(id + ".unshrunk.dms"), "# snapref reproducer " + id + ", the script as generated"
                + " (before shrinking); divergence at " + where + "\n" + original.script().render());
        Files.writeString(dir.resolve(id + ".unshrunk.model.transcript"), original.model().orElseThrow().render());
        Files.writeString(dir.resolve(id + ".unshrunk.kernel.transcript"), original.candidate().orElseThrow().render());
    }
}
