package dev.snapref.conformance.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.conformance.conform.Corpus;
import dev.snapref.scenario.Transcript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 6.12 rules turn each golden 6.12 recorded differently back into the 6.1 golden exactly, and
 * touch nothing they do not describe.
 */
class KnownDifferencesTest {
    private static final Path GOLDENS = Corpus.findTestdata().orElseThrow().resolve("goldens");

    @TempDir
    Path dir;

    @Test
    void theRulesOf612TurnEvery612GoldenIntoThe61One() throws IOException {
        KnownDifferences rules = KnownDifferences.forRelease(List.of(GOLDENS), "6.12.117+deb12-cloud-amd64");
        assertTrue(!rules.isEmpty(), "no rules found for 6.12");
        List<Path> on612;
        try (Stream<Path> s = Files.list(GOLDENS.resolve("on-linux-6.12"))) {
            on612 = s.filter(p -> p.toString().endsWith(".transcript")).sorted().toList();
        }
        assertTrue(on612.size() >= 3, on612.toString());
        for (Path p : on612) {
            Transcript k612 = Transcript.parse(Files.readString(p));
            Transcript k61 = Transcript.parse(Files.readString(GOLDENS.resolve(p.getFileName())));
            assertNotEquals(k61.render(), k612.render(), p + " shows no difference");
            assertEquals(k61.render(), rules.normalise(k612).render(), p.toString());
        }
    }

    @Test
    void anEnoentTheRulesDoNotDescribeStays() throws IOException {
        KnownDifferences rules = KnownDifferences.forRelease(List.of(GOLDENS), "6.12.117+deb12-cloud-amd64");
        Transcript t = Transcript.parse("$ dmsetup remove nosuch\n  -> error ENOENT\n"
                + "$ dmsetup create s1 --table '0 8 snapshot /dev/disk/o /dev/disk/x P 8'\n"
                + "  kmsg: table: s1: snapshot: Cannot get COW device (-ENOENT)\n  -> error ENOENT\n"
                + "$ dmsetup create f --table '0 8 linear /dev/disk/missing 0'\n"
                + "  kmsg: table: f: linear: Device lookup failed (-ENOENT)\n  -> error ENOENT\n");
        String out = rules.normalise(t).render();
        assertTrue(out.startsWith("$ dmsetup remove nosuch\n  -> error ENOENT\n"), out);
        assertTrue(out.contains("Cannot get COW device (-ENODEV)\n  -> error ENODEV\n"), out);
        assertTrue(out.contains("Device lookup failed (-ENODEV)\n  -> error ENODEV\n"), out);
    }

    @Test
    void theReferenceSeriesAndUnknownReleasesHaveNoRules() throws IOException {
        assertSame(KnownDifferences.NONE, KnownDifferences.forRelease(List.of(GOLDENS), "6.1.0-56-cloud-amd64"));
        assertSame(KnownDifferences.NONE, KnownDifferences.forRelease(List.of(GOLDENS), "5.10.0-1-amd64"));
        assertSame(KnownDifferences.NONE, KnownDifferences.forRelease(List.of(GOLDENS), ""));
    }

    @Test
    void aMalformedRuleNamesItsFileAndLine() throws IOException {
        Path f = dir.resolve("known-differences.txt");
        Files.writeString(f, "# fine\nrewrite a => b\nreplace x by y\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KnownDifferences.load(f));
        assertTrue(e.getMessage().contains(f + ":3"), e.getMessage());
        Files.writeString(f, "drop (unclosed\n");
        e = assertThrows(IllegalArgumentException.class, () -> KnownDifferences.load(f));
        assertTrue(e.getMessage().contains(f + ":1") && e.getMessage().contains("bad regular expression"),
                e.getMessage());
    }
}
