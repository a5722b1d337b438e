package dev.snapref.engine.block;


import java.io.IOException;
import java.io.UncheckedIOException;

/** Helpers to move whole images in and out of block devices. */
public final class BlockDevices {
    private BlockDevices() {
    }

    /** The whole content of a device as a raw image. Limited to devices below 2 GiB. */
    public static byte[] image(BlockDevice dev) {
        long bytes = dev.sectors() * BlockDevice.SECTOR_SIZE;
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("device too large for a byte[] image");
        }
        byte[] out = new byte[(int) bytes];
        try {
            dev.read(0, out, 0, (int) dev.sectors());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** An in-memory device holding a copy of {@code image} (length rounded down to sectors). */
    public static MemoryBlockDevice fromImage(byte[] image) {
        int sectors = image.length / BlockDevice.SECTOR_SIZE;
        MemoryBlockDevice dev = new MemoryBlockDevice(sectors);
        try {
            // write only non-zero sectors so the copy stays sparse
            for (int s = 0; s < sectors; s++) {
                if (!isZero(image, s * BlockDevice.SECTOR_SIZE, BlockDevice.SECTOR_SIZE)) {
                    dev.write(s, image, s * BlockDevice.SECTOR_SIZE, 1, false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dev;
    }

    static boolean isZero(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
