package dev.snapref.engine.cow;

import dev.snapref.engine.store.DiskFormat;

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

    static CowHeader read(byte[] image) {
        if (image.length < 16) {
            return new CowHeader(0, 0, 0, 0);
        }
        return new CowHeader(DiskFormat.le32(image, 0), DiskFormat.le32(image, 4), DiskFormat.le32(image, 8),
                DiskFormat.le32(image, 12) & 0xFFFF_FFFFL);
    }
}
