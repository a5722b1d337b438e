package dev.snapref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.conformance.conform.Corpus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code snapref diff --targets model --recorded} on the Linux 6.1 recordings of split writes that
 * overflow the cow: every recording is one of the outcomes the model states, those of the other
 * outcome are named on their {@code ok} line; a recording changed in one sector still diverges.
 */
class DiffRaceOutcomeTest {
    @TempDir
    Path dir;

    private static Path recordings() {
        return Corpus.findTestdata().orElseThrow().resolve("scenarios").resolve("multi-piece-overflow");
    }

    private static int diff(StringWriter out, Path what) {
        return SnaprefCommand.newCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()))
                .execute("diff", "--targets", "model", "--recorded", what.toString());
    }

    @Test
    void everyRecordingIsAnOutcomeTheModelStates() {
        StringWriter out = new StringWriter();
        assertEquals(ExitCode.OK, diff(out, recordings()), out.toString());
        assertTrue(out.toString().contains("split-first-alone-n.dms (recorded: another outcome of the split-write race"),
                out.toString());
        assertTrue(out.toString().contains("ok " + recordings().resolve("snapshot-write-overflow-p.dms") + "\n"),
                "the reference outcome is a plain ok: " + out);
    }

    @Test
    void aRecordingThatIsNeitherOutcomeDiverges() throws IOException {
        Path src = recordings();
        Files.copy(src.resolve("split-first-alone-n.dms"), dir.resolve("x.dms"));
        Files.writeString(dir.resolve("x.transcript"), Files.readString(src.resolve("split-first-alone-n.transcript"))
                .replace("10-15 L0@426", "10-14 L0@426\n  15-15 zero"));
        StringWriter out = new StringWriter();
        assertEquals(ExitCode.FAILED, diff(out, dir.resolve("x.dms")), out.toString());
        assertTrue(out.toString().contains("DIVERGED"), out.toString());
    }
}
