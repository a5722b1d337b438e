package dev.snapref.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.conformance.conform.Corpus;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code snapref run --target engine --keep-disks DIR SCRIPT} on the recorded handover-full run:
 * the disks it writes are byte for byte the images Linux 6.1 left (cow: header, area, exceptions,
 * copied chunks; origin: the data written through the origin device).
 */
class RunKeepDisksTest {
    @TempDir
    Path dir;

    private static byte[] gunzip(Path p) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return in.readAllBytes();
        }
    }

    @Test
    void keptDisksOfHandoverFullEqualTheKernelsImages() throws IOException {
        Path td = Corpus.findTestdata().orElseThrow(() -> new IllegalStateException("testdata/ not found"));
        Path kt = td.resolve("kernel-transcripts");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = SnaprefCommand.newCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("run", "--target", "engine", "--keep-disks", dir.toString(),
                        kt.resolve("handover-full.dms").toString());
        assertEquals(ExitCode.OK, rc, err.toString());
        assertTrue(out.toString().contains("dmsetup"), out.toString());
        for (String disk : new String[] {"cow", "origin"}) {
            byte[] kernel = gunzip(kt.resolve("handover-full." + disk + ".img.gz"));
            byte[] engine = Files.readAllBytes(dir.resolve(disk + ".img"));
            assertEquals(kernel.length, engine.length, disk + ".img size");
            assertArrayEquals(kernel, engine, disk + ".img differs from the kernel's image");
        }
    }
}
