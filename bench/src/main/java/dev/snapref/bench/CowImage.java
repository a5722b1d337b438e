package dev.snapref.bench;

import dev.snapref.engine.block.MemoryBlockDevice;
import dev.snapref.engine.store.DiskFormat;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Builds a persistent-store cow device holding {@code n} completed exceptions, written straight
 * in the on-disk format ({@link DiskFormat}): header, then full metadata areas. Data chunks are
 * never written, so the sparse in-memory device costs only the metadata (16 bytes an exception).
 * Lets a benchmark hold 10^6 exceptions without copying 10^6 chunks first.
 */
final class CowImage {
    private CowImage() {
    }

    /** The origin chunk of exception {@code i}: scattered over {@code originChunks} (a bijection). */
    static long originChunk(long i, long originChunks) {
        return (i * 0x9E3779B1L) % originChunks;
    }

    /** Sectors a cow needs for {@code n} exceptions of {@code chunkSectors} (plus one empty area). */
    static long sectorsFor(long n, long chunkSectors) {
        long perArea = DiskFormat.exceptionsPerArea(chunkSectors);
        long areas = n / perArea + 1;
        return (DiskFormat.areaLocation(perArea, areas) + perArea + 2) * chunkSectors;
    }

    /**
     * A cow with exceptions {@code originChunk(i) -> the i-th data chunk} for i below n.
     * {@code originChunks} must be odd-free of 0x9E3779B1's factors (a power of two is fine).
     */
    static MemoryBlockDevice build(long n, long chunkSectors, long originChunks) {
        MemoryBlockDevice cow = new MemoryBlockDevice(sectorsFor(n, chunkSectors));
        int chunkBytes = (int) chunkSectors * 512;
        byte[] header = new byte[chunkBytes];
        DiskFormat.putLe32(header, 0, DiskFormat.MAGIC);
        DiskFormat.putLe32(header, 4, 1);
        DiskFormat.putLe32(header, 8, DiskFormat.VERSION);
        DiskFormat.putLe32(header, 12, (int) chunkSectors);
        write(cow, 0, header, chunkSectors);
        long perArea = DiskFormat.exceptionsPerArea(chunkSectors);
        byte[] area = new byte[chunkBytes];
        for (long first = 0, a = 0; first < n; first += perArea, a++) {
            java.util.Arrays.fill(area, (byte) 0);
            long location = DiskFormat.areaLocation(perArea, a);
            for (int k = 0; k < perArea && first + k < n; k++) {
                DiskFormat.putLe64(area, k * 16, originChunk(first + k, originChunks));
                DiskFormat.putLe64(area, k * 16 + 8, location + 1 + k);
            }
            write(cow, location, area, chunkSectors);
        }
        return cow;
    }

    private static void write(MemoryBlockDevice d, long chunk, byte[] data, long chunkSectors) {
        try {
            d.write(chunk * chunkSectors, data, 0, (int) chunkSectors, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
