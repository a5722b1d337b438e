package dev.snapref.engine.store;

import dev.snapref.engine.block.BlockDevice;
import java.io.IOException;

/**
 * The persistent store's requests to its cow (dm-snap-persistent.c's chunk_io and area_io over
 * dm-io): every request is one whole chunk at the store's current chunk size, and a chunk that
 * does not lie wholly on the cow fails with EIO before any request or chunk-sized buffer (a corrupt
 * chunk size may ask for a gigabyte). Stateless apart from the cow: the store passes its chunk
 * size, so a chunk size adopted from the disk applies to the next request.
 */
final class ChunkIo {
    private final BlockDevice cow;

    ChunkIo(BlockDevice cow) {
        this.cow = cow;
    }

    /** Whether the whole of chunk {@code chunk} lies on the cow. */
    boolean onCow(long chunk, long chunkSize) {
        return chunk >= 0 && chunk < cow.sectors() / chunkSize;
    }

    /** One whole-chunk read or write (dm-io); EIO without a request for a chunk past the end of the cow. */
    void chunk(long chunk, long chunkSize, byte[] buf, boolean write) throws IOException {
        if (!onCow(chunk, chunkSize)) {
            throw new IOException("chunk " + chunk + " past the end of the cow");
        }
        long sector = chunk * chunkSize;
        if (write) {
            cow.write(sector, buf, 0, (int) chunkSize, false);
        } else {
            cow.read(sector, buf, 0, (int) chunkSize);
        }
    }

    /** write_header: the whole header chunk, zero beyond the four fields. */
    void writeHeader(boolean valid, int version, long chunkSize) throws IOException {
        if (!onCow(0, chunkSize)) {
            throw new IOException("header chunk past the end of the cow"); // no chunk-sized buffer for it
        }
        byte[] header = new byte[(int) chunkSize * BlockDevice.SECTOR_SIZE];
        DiskFormat.putLe32(header, 0, DiskFormat.MAGIC);
        DiskFormat.putLe32(header, 4, valid ? 1 : 0);
        DiskFormat.putLe32(header, 8, version);
        DiskFormat.putLe32(header, 12, (int) chunkSize);
        chunk(0, chunkSize, header, true);
    }

    /** zero_disk_area: zeros over the area chunk {@code areaChunk}. */
    void zeroArea(long areaChunk, long chunkSize) throws IOException {
        if (!onCow(areaChunk, chunkSize)) {
            throw new IOException("metadata area chunk " + areaChunk + " past the end of the cow");
        }
        chunk(areaChunk, chunkSize, new byte[(int) chunkSize * BlockDevice.SECTOR_SIZE], true);
    }

    /**
     * area_io(WRITE, PREFLUSH | FUA) of {@code area} at {@code areaChunk}: a flush (unless
     * {@code flush} is false: a bug switch), then the whole area chunk with FUA. The request is a
     * {@link BlockDevice#rewrite} hinting at the sectors of the entries from {@code known} on (the
     * first entry that may differ from what the cow holds; -1: any) up to the {@code committed}
     * entries: the whole chunk to whoever sees requests, the changed sectors for a device that
     * keeps only content.
     */
    void writeArea(long areaChunk, long chunkSize, byte[] area, int committed, int known, boolean flush)
            throws IOException {
        if (flush) {
            cow.flush();
        }
        int sectors = (int) chunkSize;
        int from = known < 0 ? 0 : Math.min(sectors, known * DiskFormat.ENTRY_BYTES / BlockDevice.SECTOR_SIZE);
        int to = Math.min(sectors, (committed * DiskFormat.ENTRY_BYTES + BlockDevice.SECTOR_SIZE - 1)
                / BlockDevice.SECTOR_SIZE);
        cow.rewrite(areaChunk * chunkSize, area, 0, sectors, true, from, known < 0 ? sectors : Math.max(0, to - from));
    }
}
