package dev.snapref.engine.block;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Helpers to move whole images in and out of block devices. The sparse forms ({@link
 * SparseImage}, {@link #fromImage(SparseImage)}) work for any device size with memory in
 * proportion to the data; the {@code byte[]} forms are for small devices in tests.
 */
public final class BlockDevices {
    private BlockDevices() {
    }

    /**
     * The whole content of a device as a raw image. Limited to devices below 2 GiB (an {@link
     * IllegalArgumentException} above); {@link SparseImage#of(BlockDevice)} has no limit.
     */
    public static byte[] image(BlockDevice dev) {
        long bytes = dev.sectors() * BlockDevice.SECTOR_SIZE;
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("device too large for a byte[] image (use SparseImage)");
        }
        return SparseImage.of(dev).toByteArray();
    }

    /** An in-memory device holding a copy of {@code image} (length rounded down to sectors). */
    public static MemoryBlockDevice fromImage(byte[] image) {
        int sectors = image.length / BlockDevice.SECTOR_SIZE;
        SparseImage sparse = SparseImage.of(java.util.Arrays.copyOf(image, sectors * BlockDevice.SECTOR_SIZE));
        return fromImage(sparse);
    }

    /**
     * An in-memory device of the image's size holding its bytes: only the image's data pages are
     * written, so the device is as sparse as the image.
     */
    public static MemoryBlockDevice fromImage(SparseImage image) {
        MemoryBlockDevice dev = new MemoryBlockDevice(image.sectors());
        byte[] buf = new byte[SparseImage.PAGE_SECTORS * BlockDevice.SECTOR_SIZE];
        try {
            for (long[] r : image.dataRanges()) {
                for (long s = r[0]; s < r[1]; s += SparseImage.PAGE_SECTORS) {
                    int n = (int) Math.min(SparseImage.PAGE_SECTORS, r[1] - s);
                    image.read(s, buf, 0, n);
                    dev.write(s, buf, 0, n, false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dev;
    }

    /** The sector ranges of {@code dev} outside which it reads as zero, or the whole device when it cannot tell. */
    public static List<long[]> dataRanges(BlockDevice dev) {
        if (dev instanceof MemoryBlockDevice m) {
            return m.allocatedRanges();
        }
        if (dev instanceof SparseImage s) {
            return s.dataRanges();
        }
        return dev.sectors() > 0 ? List.of(new long[] {0, dev.sectors()}) : List.of();
    }
}
