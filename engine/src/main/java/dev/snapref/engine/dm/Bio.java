package dev.snapref.engine.dm;

import dev.snapref.engine.block.BlockDevice;

/**
 * One block I/O request (or a piece of one) on a mapped device: a sector range and the caller's
 * buffer region holding (write) or receiving (read) its data, and for a write whether it is
 * REQ_FUA (an exception store's metadata write to a cow that is itself a mapped device): a
 * target that remaps the bio passes the flag on, as the kernel's clones keep it, and so does
 * every piece. Immutable; pieces share the buffer.
 */
public final class Bio {
    public final boolean write;
    public final long sector;
    public final int count;
    public final byte[] buf;
    public final int off;
    /** REQ_FUA: the write is durable when it completes (never set on a read). */
    public final boolean fua;

    /** A request without REQ_FUA (what a process's O_DIRECT read or write is). */
    public Bio(boolean write, long sector, int count, byte[] buf, int off) {
        this(write, sector, count, buf, off, false);
    }

    public Bio(boolean write, long sector, int count, byte[] buf, int off, boolean fua) {
        assert count > 0 : "empty bio";
        assert write || !fua : "a read with REQ_FUA";
        assert buf.length >= off + (long) count * BlockDevice.SECTOR_SIZE : "buffer too short";
        this.write = write;
        this.sector = sector;
        this.count = count;
        this.buf = buf;
        this.off = off;
        this.fua = fua;
    }

    /** The piece of this bio of {@code n} sectors starting {@code skip} sectors in. */
    public Bio piece(int skip, int n) {
        assert skip >= 0 && n > 0 && skip + n <= count : "piece out of bio";
        return new Bio(write, sector + skip, n, buf, off + skip * BlockDevice.SECTOR_SIZE, fua);
    }
}
