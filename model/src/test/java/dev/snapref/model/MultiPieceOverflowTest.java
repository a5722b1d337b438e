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
 * A request split into several chunk pieces that runs out of cow space part way: Linux 6.1 maps
 * every piece before any new exception completes, so none of the request's new exceptions
 * survives the invalidation (testdata/scenarios/multi-piece-overflow, recorded on the kernel).
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
    void modelTranscriptEqualsKernelTranscript(Path script) {
        assertEquals(TestData.transcriptOf(script), Model.run(TestData.load(script)).render());
    }

    @Test
    void noExceptionOfTheFailedRequestIsKept() throws Exception {
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
