package dev.snapref.engine;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Every recorded Linux 6.1 run: the engine's transcript and disk images must be identical. */
class KernelTranscriptsTest {

    @TestFactory
    Stream<DynamicTest> transcriptsAndImagesMatchTheKernel() throws IOException {
        Path dir = TestScripts.kernelTranscripts();
        List<Path> scripts;
        try (Stream<Path> s = Files.list(dir)) {
            scripts = s.filter(p -> p.toString().endsWith(".dms")).sorted().collect(Collectors.toList());
        }
        assertTrue(scripts.size() >= 13, "expected the 13 recorded scripts");
        return scripts.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    private static void check(Path script) throws IOException {
        String base = script.getFileName().toString().replace(".dms", "");
        TestScripts.Run run = TestScripts.run(Files.readString(script, StandardCharsets.UTF_8));
        String expected = Files.readString(script.resolveSibling(base + ".transcript"), StandardCharsets.UTF_8);
        assertEquals(expected, run.transcript(), "transcript of " + base);
        int compared = 0;
        for (var e : run.disks().entrySet()) {
            Path img = script.resolveSibling(base + "." + e.getKey() + ".img.gz");
            if (!Files.exists(img)) {
                continue;
            }
            compared++;
            byte[] want = TestScripts.gunzip(img);
            byte[] got = e.getValue();
            assertEquals(want.length, got.length, "image size of " + e.getKey());
            for (int i = 0; i < want.length; i++) {
                if (want[i] != got[i]) {
                    fail(base + "." + e.getKey() + " differs first at byte " + i + " (sector " + (i / 512)
                            + ", 4K chunk " + (i / 4096) + "): kernel " + want[i] + " engine " + got[i]);
                }
            }
        }
        assertTrue(compared >= 2, "no kernel image compared for " + base);
    }
}
