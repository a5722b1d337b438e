package dev.snapref.conformance.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.snapref.conformance.diff.TranscriptComparison;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.ScriptParser;
import dev.snapref.scenario.Transcript;
import org.junit.jupiter.api.Test;

/** Divergence signatures: the verb and first differing line, numbers and snapshot names blurred. */
class SignaturesTest {
    private static String sig(String script, String a, String b) throws Exception {
        Script s = ScriptParser.parse("t", script);
        return Signatures.of(TranscriptComparison.compare(s, "model", Transcript.parse(a), "kernel",
                Transcript.parse(b)).orElseThrow());
    }

    @Test
    void sizesAndNamesAreBlurredButTheKindOfDifferenceIsKept() throws Exception {
        String x = sig("dmsetup status s1\n", "$ dmsetup status s1\n  0 1024 snapshot 24/256 16\n  -> ok\n",
                "$ dmsetup status s1\n  0 1024 snapshot 32/256 16\n  -> ok\n");
        String y = sig("dmsetup status s3\n", "$ dmsetup status s3\n  0 4096 snapshot 40/512 16\n  -> ok\n",
                "$ dmsetup status s3\n  0 4096 snapshot 48/512 16\n  -> ok\n");
        assertEquals("dmsetup status | # # snapshot #/# # | # # snapshot #/# #", x);
        assertEquals(x, y);
        String z = sig("dmsetup status s1\n", "$ dmsetup status s1\n  0 1024 snapshot 24/256 16\n  -> ok\n",
                "$ dmsetup status s1\n  0 1024 snapshot Invalid\n  -> ok\n");
        assertNotEquals(x, z);
        assertEquals("snapshot sN: Cannot (-ENODEV)", Signatures.blur("snapshot s12: Cannot (-ENODEV)"));
    }
}
