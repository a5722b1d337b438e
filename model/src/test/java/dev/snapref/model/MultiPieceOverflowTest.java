package dev.snapref.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * A request split into several chunk pieces that runs out of cow space part way: in Linux 6.1 a
 * race between kcopyd finishing the first piece's copy and dm mapping the rest of the bio
 * ({@link SplitWriteRace}). The recordings in testdata/scenarios/multi-piece-overflow show both
 * outcomes, and each equals the model's transcript under that outcome exactly: the snapshot writes
 * recorded with every piece mapped first ({@code snapshot-write-*}) the reference outcome, those
 * recorded with the first piece completing alone ({@code split-first-alone-*}) and the origin-write
 * re-runs, which mapped every piece first (the reference recording kernel-transcripts/cow-overflow
 * had the first piece alone), the other outcome.
 */
class MultiPieceOverflowTest {
    static Stream<Path> scripts() {
        return TestData.scenarios("multi-piece-overflow").stream();
    }

    @Test
    void theRecordedRunsArePresent() {
        List<Path> all = TestData.scenarios("multi-piece-overflow");
        assertTrue(all.size() >= 8, all.toString());
        assertTrue(all.stream().anyMatch(p -> p.getFileName().toString().startsWith("split-first-alone")), "recordings of"
                + " a snapshot write whose first piece completed alone");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void eachKernelRunIsTheModelsTranscriptUnderTheOutcomeItTook(Path script) {
        String kernel = TestData.transcriptOf(script);
        Script s = TestData.load(script);
        String reference = Model.run(s).render();
        String other = Model.run(s, SplitWriteRace.otherEverywhere()).render();
        boolean referenceOutcome = script.getFileName().toString().startsWith("snapshot-write");
        if (!referenceOutcome) {
            assertNotEquals(reference, other, "the recording shows the other outcome: " + script);
        }
        assertEquals(kernel, referenceOutcome ? reference : other);
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
