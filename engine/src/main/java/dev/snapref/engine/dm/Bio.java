package dev.snapref.engine.dm;

import dev.snapref.engine.block.BlockDevice;

/**
 * One block I/O request (or a piece of one) on a mapped device: a sector range and the caller's
 * buffer region holding (write) or receiving (read) its data. Immutable; pieces share the buffer.
 */
public final class Bio {
    public final boolean write;
    public final long sector;
    public final int count;
    public final byte[] buf;
    public final int off;

    public Bio(boolean write, long sector, int count, byte[] buf, int off) {
        assert count > 0 : "empty bio";
        assert buf.length >= off + (long) count * BlockDevice.SECTOR_SIZE : "buffer too short";
        this.write = write;
        this.sector = sector;
        this.count = count;
        this.buf = buf;
        this.off = off;
    }

    /** The piece of this bio of {@code n} sectors starting {@code skip} sectors in. */
    public Bio piece(int skip, int n) {
        assert skip >= 0 && n > 0 && skip + n <= count : "piece out of bio";
        return new Bio(write, sector + skip, n, buf, off + skip * BlockDevice.SECTOR_SIZE);
    }
}
