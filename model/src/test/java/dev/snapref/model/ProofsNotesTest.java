package dev.snapref.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every invariant has its note in proofs-notes/ID.md, with its statement, and the index lists it. */
class ProofsNotesTest {
    @Test
    void everyInvariantHasANoteWithItsStatementAndIsIndexed() throws Exception {
        Path notes = TestData.kernelTranscripts().getParent().getParent().resolve("proofs-notes");
        String index = Files.readString(notes.resolve("README.md"));
        for (Invariant inv : Invariants.all()) {
            Path note = notes.resolve(inv.id() + ".md");
            assertTrue(Files.isRegularFile(note), "no note " + note);
            String text = Files.readString(note);
            assertTrue(text.startsWith("# " + inv.id() + "\n"), note + " is headed by its id");
            assertTrue(text.contains("**Statement.**") && text.contains("**Why it holds"), note + " states and argues");
            assertTrue(index.contains("(" + inv.id() + ".md)"), "proofs-notes/README.md lists " + inv.id());
        }
    }
}
