package dev.snapref.conformance.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.engine.store.DiskFormat;
import dev.snapref.model.Disk;
import dev.snapref.scenario.Errno;
import dev.snapref.scenario.Outcome;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.ScriptParser;
import dev.snapref.scenario.TranscriptStep;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Cow chunk numbers from corrupt metadata, as the kernel takes them: the top 8 bits of an on-disk
 * new chunk count consecutive chunks, the low 56 bits are the cow chunk (dm_insert_exception,
 * dm_chunk_number). Model and engine agree, and the model says what the kernel does: a chunk
 * number past the cow's end answers EIO; 2^63 is a run of 129 chunks from cow chunk 0, so the
 * snapshot's first chunk reads the header (the model once took such a chunk as "no exception"
 * and read the origin).
 */
class CorruptChunkNumbersTest {
    private static final int CHUNK = 8;

    /** A valid store (chunk 8, 6 chunks) with one exception: origin chunk 0 to {@code newChunk}. */
    private static byte[] image(long newChunk) {
        byte[] img = new byte[6 * CHUNK * 512];
        DiskFormat.putLe32(img, 0, DiskFormat.MAGIC);
        DiskFormat.putLe32(img, 4, 1);
        DiskFormat.putLe32(img, 8, DiskFormat.VERSION);
        DiskFormat.putLe32(img, 12, CHUNK);
        DiskFormat.putLe64(img, CHUNK * 512, 0);
        DiskFormat.putLe64(img, CHUNK * 512 + 8, newChunk);
        return img;
    }

    private static List<TranscriptStep> run(byte[] image) {
        FaultedRun.Outcome run = FaultedRun.run("corrupt", CorruptImageCampaign.script(image.length / 512), Set.of(),
                Set.of("cow"), null, Map.of("cow", Disk.fromImage("cow", image).taint()), Map.of("cow", dev.snapref.engine.block.SparseImage.of(image)));
        assertEquals(Optional.empty(), run.finding());
        assertTrue(run.check().passed(), run.check().toString());
        return run.check().reference().steps();
    }

    @Test
    void allOnesIsARunOf256ChunksPastTheCowsEnd() {
        List<TranscriptStep> steps = run(image(-1L));
        assertEquals(Outcome.OK, steps.get(2).outcome(), "the load succeeds");
        assertEquals(Outcome.error(Errno.EIO), steps.get(4).outcome(), "reads of mapped chunks fail");
    }

    @Test
    void twoTo63IsARunFromCowChunkZero() throws Exception {
        List<TranscriptStep> steps = run(image(1L << 63));
        assertEquals(Outcome.error(Errno.EIO), steps.get(4).outcome(), "chunks past cow chunk 5 fail");
        byte[] one = image(1L << 63);
        assertEquals(Optional.empty(), new CorruptImageCampaign(null, Set.of()).check(one, new TreeMap<>()));
        Script firstChunk = ScriptParser.parse("first-chunk.dms", """
                disk origin 512
                disk cow 48
                dmsetup create snap --table '0 512 snapshot /dev/disk/origin /dev/disk/cow P 8'
                read /dev/mapper/snap 0 8
                read /dev/mapper/snap 8 8
                """);
        FaultedRun.Outcome run = FaultedRun.run("corrupt", firstChunk, Set.of(), Set.of("cow"), null,
                Map.of("cow", Disk.fromImage("cow", one).taint()), Map.of("cow", dev.snapref.engine.block.SparseImage.of(one)));
        assertEquals(Optional.empty(), run.finding());
        TranscriptStep header = run.check().reference().steps().get(3);
        assertEquals(Outcome.OK, header.outcome());
        assertEquals(List.of("0-0 ?", "1-7 zero"), header.output(), "the header chunk, not the origin's zeros");
    }

    @Test
    void aChunkNumberInsideTheCowReadsItsData() {
        List<TranscriptStep> steps = run(image(3));
        assertEquals(Outcome.OK, steps.get(4).outcome());
    }
}
