package dev.snapref.conformance.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ThrowableDigestTest {
    private static AssertionError engineAssertion() {
        AssertionError e = new AssertionError("allocated a metadata chunk\nsecond line");
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("java.util.Objects", "check", "Objects.java", 1),
            new StackTraceElement("dev.snapref.engine.store.PersistentStore", "prepare", "PersistentStore.java", 208),
            new StackTraceElement("dev.snapref.engine.snapshot.SnapshotMap", "newPending", "SnapshotMap.java", 149),
            new StackTraceElement("dev.snapref.conformance.fault.FaultCampaign", "atlas", "FaultCampaign.java", 79),
        });
        return e;
    }

    @Test
    void theTopEngineFramesAreNamedAndTheMessageIsOneLine() {
        ThrowableDigest d = ThrowableDigest.of(engineAssertion());
        assertEquals("java.lang.AssertionError: allocated a metadata chunk", d.headline());
        assertTrue(d.engineFrames());
        assertEquals(List.of("dev.snapref.engine.store.PersistentStore.prepare(PersistentStore.java:208)",
                "dev.snapref.engine.snapshot.SnapshotMap.newPending(SnapshotMap.java:149)"), d.frames());
        assertEquals("AssertionError@dev.snapref.engine.store.PersistentStore.prepare", d.signature());
    }

    @Test
    void aPrintedStackTraceDigestsAsTheThrowableDoes() {
        AssertionError e = engineAssertion();
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        assertEquals(ThrowableDigest.of(e), ThrowableDigest.parse(w.toString()));
    }

    @Test
    void wrappersAreLookedThroughAndFramesOutsideTheEngineAreTheFallback() {
        ThrowableDigest d = ThrowableDigest.of(new ExecutionException(new IllegalStateException()));
        assertEquals("java.lang.IllegalStateException", d.headline());
        assertFalse(d.engineFrames());
        assertFalse(d.frames().isEmpty());
        assertEquals("unknown", ThrowableDigest.parse("").className());
    }
}
