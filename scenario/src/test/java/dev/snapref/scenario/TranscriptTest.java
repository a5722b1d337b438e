package dev.snapref.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TranscriptTest {
    @Test
    void rendersTheCanonicalForm() {
        Transcript t = new Transcript(List.of(
                new TranscriptStep("dmsetup status snap1", List.of("0 16384 snapshot 24/8192 16"), List.of(),
                        Outcome.OK),
                new TranscriptStep("dmsetup resume dest", List.of(),
                        List.of("snapshots: Unable to perform snapshot handover until source is suspended."),
                        Outcome.error(Errno.EINVAL)),
                new TranscriptStep("read /dev/mapper/src 0 8", List.of(), List.of(), Outcome.BLOCKED)));
        assertEquals("$ dmsetup status snap1\n  0 16384 snapshot 24/8192 16\n  -> ok\n"
                + "$ dmsetup resume dest\n"
                + "  kmsg: snapshots: Unable to perform snapshot handover until source is suspended.\n"
                + "  -> error EINVAL\n"
                + "$ read /dev/mapper/src 0 8\n  -> blocked\n", t.render());
        assertEquals(t, Transcript.parse(t.render()));
    }

    @Test
    void everyRecordedKernelTranscriptParsesAndRendersBackIdentically() throws IOException {
        Path dir = TestData.kernelTranscripts();
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> ts = files.filter(p -> p.toString().endsWith(".transcript")).toList();
            assertEquals(13, ts.size());
            for (Path p : ts) {
                String text = Files.readString(p);
                assertEquals(text, Transcript.parse(text).render(), p.toString());
            }
        }
    }

    @Test
    void everyRecordedScriptParsesAndEchoesAsTheTranscriptDoes() throws Exception {
        Path dir = TestData.kernelTranscripts();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".dms")).toList()) {
                Script s = Script.load(p);
                Path tp = Path.of(p.toString().replace(".dms", ".transcript"));
                List<String> echoes = Transcript.parse(Files.readString(tp)).steps().stream()
                        .map(TranscriptStep::echo).toList();
                assertEquals(echoes, s.commands().stream().map(Command::echo).toList(), p.toString());
            }
        }
    }

    @Test
    void rejectsNonCanonicalText() {
        assertThrows(IllegalArgumentException.class, () -> Transcript.parse("$ a\n  -> maybe\n"));
        assertThrows(IllegalArgumentException.class, () -> Transcript.parse("$ a\n  out\n"));
        assertThrows(IllegalArgumentException.class, () -> Transcript.parse("junk\n"));
    }
}
