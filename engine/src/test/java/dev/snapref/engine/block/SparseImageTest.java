package dev.snapref.engine.block;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sparse images: byte for byte the content they were made from, whatever the device's size (up to
 * 2^63 bytes), with memory in data pages only; sparse files; the editor that shares untouched pages;
 * a crash image of a huge device.
 */
class SparseImageTest {
    private static final int S = BlockDevice.SECTOR_SIZE;
    /** The largest device: 2^63 bytes less one page. */
    private static final long HUGE = (Long.MAX_VALUE / S) & -8L;

    @Test
    void aByteArrayRoundTripsAndKeepsOnlyDataPages() throws IOException {
        byte[] b = new byte[37 * S + 100]; // not a whole number of sectors: padded
        new Random(1).nextBytes(b);
        java.util.Arrays.fill(b, 8 * S, 24 * S, (byte) 0); // pages 1 and 2 zero
        SparseImage img = SparseImage.of(b);
        assertEquals(38, img.sectors());
        assertEquals(3, img.dataPages());
        byte[] back = img.toByteArray();
        assertArrayEquals(b, java.util.Arrays.copyOf(back, b.length));
        byte[] mid = new byte[5 * S];
        img.read(6, mid, 0, 5);
        assertArrayEquals(java.util.Arrays.copyOfRange(b, 6 * S, 11 * S), mid);
        assertEquals(List.of("0-8", "24-38"), ranges(img));
        assertThrows(IOException.class, () -> img.write(0, b, 0, 1, false));
    }

    @Test
    void aHugeDeviceCostsItsDataOnly() throws IOException {
        MemoryBlockDevice dev = new MemoryBlockDevice(HUGE);
        byte[] data = filled(3 * S, 5);
        dev.write(0, data, 0, 3, false);
        dev.write(HUGE - 3, data, 0, 3, false);
        dev.write(HUGE / 2 + 1, data, 0, 3, false);
        SparseImage img = SparseImage.of(dev);
        assertEquals(HUGE, img.sectors());
        assertEquals(3, img.dataPages());
        byte[] got = new byte[3 * S];
        img.read(HUGE - 3, got, 0, 3);
        assertArrayEquals(data, got);
        img.read(HUGE / 2 + 100, got, 0, 3);
        assertArrayEquals(new byte[3 * S], got);
        assertEquals(img, SparseImage.of(BlockDevices.fromImage(img)));
        assertThrows(IllegalStateException.class, img::toByteArray);
        assertThrows(IllegalArgumentException.class, () -> BlockDevices.image(dev));
    }

    @Test
    void equalContentIsEqualImages() {
        byte[] a = filled(16 * S, 2);
        byte[] b = a.clone();
        assertEquals(SparseImage.of(a), SparseImage.of(b));
        assertEquals(SparseImage.of(a).hashCode(), SparseImage.of(b).hashCode());
        b[9 * S] ^= 1;
        assertNotEquals(SparseImage.of(a), SparseImage.of(b));
        assertNotEquals(SparseImage.zeroed(8), SparseImage.zeroed(16));
        assertEquals(SparseImage.zeroed(16), SparseImage.of(new byte[16 * S]));
    }

    @Test
    void aSparseFileHoldsTheImageAndReadsBack(@TempDir Path dir) throws IOException {
        long sectors = 1L << 31; // 1 TiB: a file system without holes could not hold it here
        MemoryBlockDevice dev = new MemoryBlockDevice(sectors);
        byte[] data = filled(8 * S, 3);
        dev.write(sectors - 8, data, 0, 8, false);
        dev.write(16, data, 0, 8, false);
        SparseImage img = SparseImage.of(dev);
        Path file = dir.resolve("big.img");
        img.writeTo(file);
        assertEquals(sectors * S, Files.size(file));
        try (FileBlockDevice f = FileBlockDevice.openReadOnly(file)) {
            byte[] got = new byte[8 * S];
            f.read(sectors - 8, got, 0, 8);
            assertArrayEquals(data, got);
            assertThrows(IOException.class, () -> f.write(0, got, 0, 1, false));
        }
        Path small = dir.resolve("small.img");
        SparseImage s = SparseImage.of(filled(40 * S, 4));
        s.writeTo(small);
        assertEquals(s, SparseImage.read(small));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.writeTo(out);
        assertArrayEquals(s.toByteArray(), out.toByteArray());
        assertEquals(s, SparseImage.read(new ByteArrayInputStream(out.toByteArray())));
    }

    @Test
    void theEditorWritesOnACopyAndSharesTheRest() throws IOException {
        SparseImage base = SparseImage.of(filled(64 * S, 6));
        SparseImageEditor e = new SparseImageEditor(base);
        e.write(9, filled(3 * S, 7), 0, 3);
        e.write(32, new byte[8 * S], 0, 8); // a page zeroed: dropped from the result
        SparseImage edited = e.build();
        byte[] want = base.toByteArray();
        System.arraycopy(filled(3 * S, 7), 0, want, 9 * S, 3 * S);
        java.util.Arrays.fill(want, 32 * S, 40 * S, (byte) 0);
        assertArrayEquals(want, edited.toByteArray());
        assertEquals(base.dataPages() - 1, edited.dataPages());
        assertArrayEquals(filled(64 * S, 6), base.toByteArray(), "the base is untouched");
        assertTrue(edited.page(7) == base.page(7), "an untouched page is shared");
        assertThrows(IllegalArgumentException.class, () -> e.write(63, new byte[2 * S], 0, 2));
    }

    @Test
    void aCrashImageOfAHugeDeviceKeepsOnlyDurableWrites() throws IOException {
        FaultyBlockDevice dev = new FaultyBlockDevice(new MemoryBlockDevice(HUGE), FaultAtlas.NONE);
        byte[] a = filled(2 * S, 8);
        byte[] b = filled(2 * S, 9);
        dev.write(HUGE - 2, a, 0, 2, false);
        dev.flush();
        dev.write(0, b, 0, 2, false); // lost: no flush after it
        dev.write(HUGE / 3, b, 0, 2, true); // FUA: durable
        SparseImage crash = DurableImage.crashAt(SparseImage.zeroed(HUGE), dev.log(), dev.log().size(), 0);
        assertEquals(2, crash.dataPages());
        byte[] got = new byte[2 * S];
        crash.read(HUGE - 2, got, 0, 2);
        assertArrayEquals(a, got);
        crash.read(0, got, 0, 2);
        assertArrayEquals(new byte[2 * S], got);
        crash.read(HUGE / 3, got, 0, 2);
        assertArrayEquals(b, got);
    }

    private static List<String> ranges(SparseImage img) {
        return img.dataRanges().stream().map(r -> r[0] + "-" + r[1]).toList();
    }

    private static byte[] filled(int bytes, int seed) {
        byte[] b = new byte[bytes];
        new Random(seed).nextBytes(b);
        return b;
    }
}
