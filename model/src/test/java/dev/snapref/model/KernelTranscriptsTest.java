package dev.snapref.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The model reproduces every transcript recorded on Linux 6.1, byte for byte, with no invariant violated. */
class KernelTranscriptsTest {
    static Stream<Path> scripts() {
        return TestData.scripts().stream();
    }

    @Test
    void allThirteenRecordedRunsArePresent() {
        assertTrue(TestData.scripts().size() >= 13, "kernel transcripts found: " + TestData.scripts());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void modelTranscriptEqualsKernelTranscript(Path script) {
        String expected = TestData.transcriptOf(script);
        String actual = Model.run(TestData.load(script)).render();
        assertEquals(expected, actual, script.getFileName().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void everyInvariantHoldsAfterEveryStep(Path script) {
        Model.Trace trace = Model.trace(TestData.load(script));
        for (int i = 0; i < trace.states().size(); i++) {
            List<String> violations = Invariants.checkAll(trace.states().get(i));
            assertEquals(List.of(), violations, "after step " + (i + 1) + ": " + trace.steps().get(i).echo());
        }
    }
}
