package dev.snapref.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.scenario.Script;
import dev.snapref.scenario.ScriptParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A request split into several chunk pieces that runs out of cow space part way. A write to a
 * snapshot has every piece mapped before any exception completes (every kernel run of it did so),
 * so the model's transcripts equal the kernel's re-runs exactly. For an origin write, which of the
 * request's exceptions reach the cow metadata before the invalidation is a race in Linux 6.1: the
 * reference recording (kernel-transcripts/cow-overflow) committed the first piece's exception
 * alone, the re-runs in testdata/scenarios/multi-piece-overflow committed none. The model follows
 * the reference there: the first piece's exceptions complete, the later ones do not. Against those
 * re-runs, the model's transcript equals the kernel's everywhere but in the cow's metadata area,
 * which holds exactly that one first exception.
 */
class MultiPieceOverflowTest {
    static Stream<Path> scripts() {
        return TestData.scenarios("multi-piece-overflow").stream();
    }

    @Test
    void theRecordedRunsArePresent() {
        assertTrue(TestData.scenarios("multi-piece-overflow").size() >= 6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void modelTranscriptEqualsKernelRerunButForTheFirstExceptionInTheMetadataArea(Path script) {
        String kernel = TestData.transcriptOf(script);
        String model = Model.run(TestData.load(script)).render();
        if (script.getFileName().toString().startsWith("snapshot-write")) {
            assertEquals(kernel, model, "a snapshot write maps every piece first, as the kernel did");
            return;
        }
        assertTrue(kernel.contains("\n  1-15 zero\n"), "the re-run's metadata area is empty");
        String firstExceptionCommitted = "\n  1-7 zero\n  8-8 ?\n  9-15 zero\n";
        assertTrue(model.contains(firstExceptionCommitted), model);
        String modelAsRerun = model.replace(firstExceptionCommitted, "\n  1-15 zero\n");
        // the data chunks (cow sectors 16-31) differ only where the first piece completed: with
        // a partial first piece, its own write reached the cow after its copy (kernel: not yet)
        String dataChunks = "(?m)^  (1[6-9]|2[0-9]|3[01])-[0-9]+ .*\n";
        assertEquals(kernel.replaceAll(dataChunks, ""), modelAsRerun.replaceAll(dataChunks, ""));
    }

    @Test
    void aSnapshotWriteThatOverflowsKeepsNoneOfItsExceptions() throws Exception {
        Script s = ScriptParser.parse("t", String.join("\n",
                "disk origin 24", "disk cow 16",
                "dmsetup create s1 --table '0 24 snapshot /dev/disk/origin /dev/disk/cow N 8'",
                "write /dev/mapper/s1 0 19 A"));
        Model.Trace t = Model.trace(s);
        ModelState end = t.states().get(t.states().size() - 1);
        SnapshotTarget snap = (SnapshotTarget) end.device("s1").live().target();
        assertFalse(snap.valid());
        assertEquals(Map.of(), snap.store().exceptions().asMap());
    }

    @Test
    void anOriginWriteThatOverflowsKeepsOnlyItsFirstPiecesException() throws Exception {
        Script s = ScriptParser.parse("t", String.join("\n",
                "disk origin 24", "disk cow 16",
                "dmsetup create s1 --table '0 24 snapshot /dev/disk/origin /dev/disk/cow N 8'",
                "dmsetup create origin --table '0 24 snapshot-origin /dev/disk/origin'",
                "write /dev/mapper/origin 0 19 A"));
        Model.Trace t = Model.trace(s);
        ModelState end = t.states().get(t.states().size() - 1);
        SnapshotTarget snap = (SnapshotTarget) end.device("s1").live().target();
        assertFalse(snap.valid());
        assertEquals(Map.of(0L, 0L), snap.store().exceptions().asMap());
    }

    @Test
    void aHandoverDestinationOfAnotherLengthKeepsItsImage() throws Exception {
        for (String script : List.of(
                "disk origin 2\ndisk cow 8\n"
                        + "dmsetup create s1 --table '0 1 snapshot /dev/disk/origin /dev/disk/cow P 4'\n"
                        + "dmsetup suspend s1\n"
                        + "dmsetup create s3 --table '0 2 snapshot /dev/disk/origin /dev/disk/cow P 4'\n",
                "disk origin 2\ndisk cow 1\n"
                        + "dmsetup create origin --table '0 1 snapshot-origin /dev/disk/origin'\n"
                        + "dmsetup load origin --table '0 1 snapshot /dev/disk/origin /dev/disk/cow N 8'\n"
                        + "dmsetup resume origin\ndmsetup suspend origin\n"
                        + "dmsetup create s1 --table '0 2 snapshot /dev/disk/origin /dev/disk/cow N 8'\n")) {
            Model.Trace t = Model.trace(ScriptParser.parse("t", script));
            for (ModelState st : t.states()) {
                assertEquals(List.of(), Invariants.checkAll(st), script);
            }
        }
    }
}
