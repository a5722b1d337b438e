package dev.snapref.engine.store;

/**
 * The persistent exception store's on-disk format (dm-snap-persistent.c), all little-endian:
 * chunk 0 holds the header {le32 magic "SnAp", le32 valid, le32 version, le32 chunk_size}; metadata
 * area i sits at chunk {@code 1 + (E+1)*i} and holds E = chunk bytes / 16 entries
 * {le64 old_chunk, le64 new_chunk}; the first entry with new_chunk == 0 ends the list.
 */
public final class DiskFormat {
    /** "SnAp" read as a little-endian 32-bit word. */
    public static final int MAGIC = 0x70416e53;
    public static final int VERSION = 1;
    /** Chunks before the first metadata area (the header). */
    public static final int HEADER_CHUNKS = 1;
    public static final int ENTRY_BYTES = 16;

    private DiskFormat() {
    }

    /** E: exceptions per metadata area for a chunk size in sectors. */
    public static long exceptionsPerArea(long chunkSectors) {
        return chunkSectors * 512 / ENTRY_BYTES;
    }

    /** Chunk number of metadata area {@code area}. */
    public static long areaLocation(long exceptionsPerArea, long area) {
        return HEADER_CHUNKS + (exceptionsPerArea + 1) * area;
    }

    /** Whether {@code chunk} is a metadata (area) chunk. */
    public static boolean isAreaChunk(long exceptionsPerArea, long chunk) {
        return chunk >= HEADER_CHUNKS && (chunk - HEADER_CHUNKS) % (exceptionsPerArea + 1) == 0;
    }

    public static int le32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    /** The old chunk of entry {@code i} of a metadata area (disk_exception.old_chunk). */
    public static long entryOld(byte[] area, int i) {
        return le64(area, i * ENTRY_BYTES);
    }

    /** The cow chunk of entry {@code i} of a metadata area (disk_exception.new_chunk; 0 ends the area). */
    public static long entryNew(byte[] area, int i) {
        return le64(area, i * ENTRY_BYTES + 8);
    }

    /** Writes entry {@code i} of a metadata area, little-endian, as write_exception does. */
    public static void putEntry(byte[] area, int i, long oldChunk, long newChunk) {
        putLe64(area, i * ENTRY_BYTES, oldChunk);
        putLe64(area, i * ENTRY_BYTES + 8, newChunk);
    }

    public static long le64(byte[] b, int off) {
        return (le32(b, off) & 0xFFFF_FFFFL) | ((long) le32(b, off + 4)) << 32;
    }

    public static void putLe32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    public static void putLe64(byte[] b, int off, long v) {
        putLe32(b, off, (int) v);
        putLe32(b, off + 4, (int) (v >>> 32));
    }
}
