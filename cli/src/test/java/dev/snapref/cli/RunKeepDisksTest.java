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
 * copied chunks; origin: the data written through the origin device). On a 1 TiB origin with a
 * 64 GiB cow the images are sparse files of the declared sizes that {@code cow dump} and {@code cow
 * check} read in place.
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

    @Test
    void keptDisksOfATerabyteOriginAreSparseFilesThatCowDumpReads() throws IOException {
        long origin = 1L << 31;
        Path script = dir.resolve("big.dms");
        Files.writeString(script, String.join("\n",
                "disk origin " + origin, "disk cow 134217728",
                "dmsetup create origin --table '0 " + origin + " snapshot-origin /dev/disk/origin'",
                "dmsetup create s --table '0 " + origin + " snapshot /dev/disk/origin /dev/disk/cow P 8'",
                "write /dev/mapper/origin " + (origin - 8) + " 8 END", "write /dev/mapper/origin 0 8 START", ""));
        Path keep = dir.resolve("keep");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = SnaprefCommand.newCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("run", "--target", "engine", "--keep-disks", keep.toString(), script.toString());
        assertEquals(ExitCode.OK, rc, err.toString());
        assertEquals(origin * 512, Files.size(keep.resolve("origin.img")));
        assertEquals(134217728L * 512, Files.size(keep.resolve("cow.img")));

        StringWriter dump = new StringWriter();
        rc = SnaprefCommand.newCommandLine().setOut(new PrintWriter(dump)).setErr(new PrintWriter(err))
                .execute("cow", "dump", keep.resolve("cow.img").toString());
        assertEquals(ExitCode.OK, rc, err.toString());
        assertTrue(dump.toString().contains("old " + (origin / 8 - 1) + " -> new 2"), dump.toString());
        rc = SnaprefCommand.newCommandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
                .execute("cow", "check", keep.resolve("cow.img").toString());
        assertEquals(ExitCode.OK, rc, err.toString());
    }
}
