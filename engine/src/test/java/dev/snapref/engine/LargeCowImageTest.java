package dev.snapref.engine;

import dev.snapref.engine.block.SparseImage;
import dev.snapref.engine.cow.CowException;
import dev.snapref.engine.cow.CowImageCheck;
import dev.snapref.engine.cow.CowImageDump;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LVM-sized persistent cows end to end: a 1 TiB origin and a 64 GiB cow with exceptions spread
 * over both ends, the cow written as a sparse file, dumped and checked from the file (only its
 * header and metadata are read) and from the sparse image in memory.
 */
class LargeCowImageTest {
    private static final long ORIGIN = 1L << 31;
    private static final long COW = 1L << 27;

    @Test
    void aLargeSparseCowDumpsAndChecksFromAFile(@TempDir Path dir) throws Exception {
        DeviceMapper dm = new DeviceMapper();
        dm.addDisk("origin", ORIGIN);
        dm.addDisk("cow", COW);
        dm.create("origin", "0 " + ORIGIN + " snapshot-origin /dev/disk/origin");
        dm.create("s", "0 " + ORIGIN + " snapshot /dev/disk/origin /dev/disk/cow P 8");
        int exceptions = 300; // more than one metadata area (256 entries at chunk size 8)
        for (int i = 0; i < exceptions; i++) {
            long sector = i % 2 == 0 ? i * 8L : ORIGIN - 8 - i * 8L;
            dm.write("/dev/mapper/origin", sector, Patterns.fill("W", sector, 8));
        }
        SparseImage cow = SparseImage.of(dm.disk("cow"));
        Path file = dir.resolve("cow.img");
        cow.writeTo(file);
        assertEquals(COW * 512, Files.size(file));

        CowImageDump fromFile = CowImageDump.of(file);
        CowImageDump inMemory = CowImageDump.of(cow, cow.bytes());
        List<CowException> all = fromFile.exceptions();
        assertEquals(exceptions, all.size());
        assertEquals(2, fromFile.areas().size());
        assertEquals(fromFile.toJson(), inMemory.toJson());
        assertEquals(ORIGIN / 8 - 2, all.get(1).oldChunk());
        assertTrue(CowImageCheck.check(file).ok(), CowImageCheck.check(file).problems().toString());
        assertTrue(CowImageCheck.check(cow, cow.bytes()).ok());
        assertTrue(CowImageDump.notACowImage(cow, cow.bytes()).isEmpty());
    }
}
