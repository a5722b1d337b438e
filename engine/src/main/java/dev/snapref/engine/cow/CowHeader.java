package dev.snapref.engine.cow;

import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.store.DiskFormat;
import java.io.IOException;

/**
 * The persistent store header (first 16 bytes of chunk 0).
 *
 * @param magic     le32 magic; {@link DiskFormat#MAGIC} ("SnAp") for a snapshot, 0 for a never used cow
 * @param valid     le32 valid flag (1 valid, 0 invalidated)
 * @param version   le32 on-disk version (1)
 * @param chunkSize le32 chunk size in sectors (unsigned)
 */
public record CowHeader(int magic, int valid, int version, long chunkSize) {
    /** Whether the magic is "SnAp". */
    public boolean hasSnapshotMagic() {
        return magic == DiskFormat.MAGIC;
    }

    /**
     * The header of an image of {@code imageBytes} bytes read through {@code image}: all zero when
     * the image is shorter than the header or its first sector cannot be read.
     */
    static CowHeader read(BlockDevice image, long imageBytes) {
        byte[] s = new byte[BlockDevice.SECTOR_SIZE];
        try {
            if (imageBytes < 16 || image.sectors() < 1) {
                return new CowHeader(0, 0, 0, 0);
            }
            image.read(0, s, 0, 1);
        } catch (IOException e) {
            return new CowHeader(0, 0, 0, 0);
        }
        return new CowHeader(DiskFormat.le32(s, 0), DiskFormat.le32(s, 4), DiskFormat.le32(s, 8),
                DiskFormat.le32(s, 12) & 0xFFFF_FFFFL);
    }
}
