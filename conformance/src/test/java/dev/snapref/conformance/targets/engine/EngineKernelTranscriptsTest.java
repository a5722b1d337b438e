package dev.snapref.conformance.targets.engine;

import dev.snapref.conformance.targets.TargetRun;

import dev.snapref.scenario.Script;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The engine against every recorded Linux 6.1 run in testdata/kernel-transcripts and
 * testdata/goldens: the transcript
 * byte for byte, and each recorded disk image byte for byte (a mismatch names the first differing
 * byte and, for a cow image, the chunk and whether it is the header, a metadata area or data).
 */
class EngineKernelTranscriptsTest {

    static Path transcriptsDir() {
        String root = System.getProperty("snapref.root");
        if (root != null && Files.isDirectory(Paths.get(root, "testdata", "kernel-transcripts"))) {
            return Paths.get(root, "testdata", "kernel-transcripts");
        }
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("testdata/kernel-transcripts"))) {
                return d.resolve("testdata/kernel-transcripts");
            }
        }
        throw new IllegalStateException("testdata/kernel-transcripts not found");
    }

    @TestFactory
    Stream<DynamicTest> engineReproducesKernelRuns() throws IOException {
        List<Path> scripts = recorded(transcriptsDir());
        assertTrue(scripts.size() >= 13, "the 13 recorded kernel runs");
        return scripts.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    /** The golden corpus (testdata/goldens): every script with a recorded transcript, and its recorded images. */
    @TestFactory
    Stream<DynamicTest> engineReproducesKernelGoldens() throws IOException {
        List<Path> scripts = recorded(transcriptsDir().resolveSibling("goldens"));
        assertTrue(scripts.size() >= 47, "the 47 recorded goldens");
        return scripts.stream().map(p -> DynamicTest.dynamicTest("goldens/" + p.getFileName(), () -> check(p)));
    }

    /** The scripts of {@code dir} that have a recorded transcript (a script still being recorded has none yet). */
    private static List<Path> recorded(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".dms"))
                    .filter(p -> Files.exists(p.resolveSibling(p.getFileName().toString().replaceAll("\\.dms$", ".transcript"))))
                    .sorted().collect(Collectors.toList());
        }
    }

    private static void check(Path dms) throws Exception {
        String base = dms.getFileName().toString().replaceAll("\\.dms$", "");
        TargetRun run = new EngineTarget().run(Script.load(dms));
        String want = Files.readString(dms.resolveSibling(base + ".transcript"), StandardCharsets.UTF_8);
        assertEquals(want, run.transcript().render(), "transcript of " + base);
        int compared = 0;
        for (var e : run.disks().entrySet()) {
            Path img = dms.resolveSibling(base + "." + e.getKey() + ".img.gz");
            if (Files.exists(img)) {
                compareImage(base + "." + e.getKey(), gunzip(img), e.getValue().toByteArray());
                compared++;
            }
        }
        assertTrue(compared > 0, "no recorded image for " + base);
    }

    private static void compareImage(String what, byte[] kernel, byte[] engine) {
        assertEquals(kernel.length, engine.length, what + ": image size");
        for (int i = 0; i < kernel.length; i++) {
            if (kernel[i] != engine[i]) {
                fail(what + ": first difference at byte " + i + " (sector " + (i / 512) + "): " + locate(kernel, i)
                        + "; kernel 0x" + Integer.toHexString(kernel[i] & 0xff) + ", engine 0x"
                        + Integer.toHexString(engine[i] & 0xff));
            }
        }
    }

    /** Names the chunk of a persistent cow image holding {@code offset}: header, area or data. */
    private static String locate(byte[] image, int offset) {
        boolean snap = image.length >= 16 && image[0] == 'S' && image[1] == 'n' && image[2] == 'A' && image[3] == 'p';
        if (!snap) {
            return "not a persistent cow image";
        }
        long chunkSectors = (image[12] & 0xffL) | (image[13] & 0xffL) << 8 | (image[14] & 0xffL) << 16
                | (image[15] & 0xffL) << 24;
        if (chunkSectors == 0) {
            return "cow with chunk size 0";
        }
        long chunk = offset / (chunkSectors * 512);
        long e = chunkSectors * 512 / 16;
        if (chunk == 0) {
            return "chunk 0 (header)";
        }
        if ((chunk - 1) % (e + 1) == 0) {
            long area = (chunk - 1) / (e + 1);
            long entry = (offset - chunk * chunkSectors * 512) / 16;
            return "chunk " + chunk + " (metadata area " + area + ", entry " + entry + ")";
        }
        return "chunk " + chunk + " (data)";
    }

    private static byte[] gunzip(Path p) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
