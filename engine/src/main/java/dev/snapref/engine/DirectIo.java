package dev.snapref.engine;

import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.dm.Bio;
import dev.snapref.engine.dm.MappedDevice;
import dev.snapref.engine.kernel.DmException;
import dev.snapref.engine.kernel.Errno;

import dev.snapref.engine.kernel.SchedulePoint;
import java.io.IOException;

/**
 * O_DIRECT I/O on a block device node, as a process issues it: one request, clipped at the end of
 * the device (a read returns what exists; a write writes what fits, then ENOSPC), EIO when the
 * request fails, ENXIO when the mapped device went away. Runs without the control lock; a request
 * to a suspended mapped device waits in its {@link dev.snapref.engine.dm.IoGate}.
 */
final class DirectIo {
    private DirectIo() {
    }

    /** Reads the sectors of [sector, sector+count) that exist into {@code dst[off..]}; returns how many. */
    static int read(Object node, long sector, int count, byte[] dst, int off) throws DmException {
        checkBuffer(dst, off, count);
        int n = sectorsInRange(node, sector, count);
        io(node, sector, n, dst, off, false);
        return n;
    }

    /** Writes what fits of {@code count} sectors from {@code src[off..]}, then ENOSPC if not all fitted. */
    static void write(Object node, String path, long sector, int count, byte[] src, int off) throws DmException {
        checkBuffer(src, off, count);
        int n = sectorsInRange(node, sector, count);
        io(node, sector, n, src, off, true);
        if (n < count) {
            throw new DmException(Errno.ENOSPC, path);
        }
    }

    /** How many of {@code count} sectors from {@code sector} lie inside {@code node} now. */
    static int sectorsInRange(Object node, long sector, int count) {
        long size = node instanceof BlockDevice disk ? disk.sectors() : ((MappedDevice) node).capacity();
        return (int) Math.max(0, Math.min(count, size - sector));
    }

    private static void checkBuffer(byte[] buf, int off, int count) {
        if (count < 0 || off < 0 || off + (long) count * BlockDevice.SECTOR_SIZE > buf.length) {
            throw new IllegalArgumentException("buffer too short for " + count + " sectors at offset " + off);
        }
    }

    /** One request of {@code n} sectors (none when 0); EIO when it fails. */
    private static void io(Object node, long sector, int n, byte[] buf, int off, boolean write) throws DmException {
        if (n == 0) {
            return;
        }
        try {
            if (node instanceof BlockDevice disk) {
                if (write) {
                    disk.write(sector, buf, off, n, false);
                } else {
                    disk.read(sector, buf, off, n);
                }
            } else {
                submit((MappedDevice) node, new Bio(write, sector, n, buf, off));
            }
        } catch (IOException e) {
            throw new DmException(Errno.EIO, e.getMessage());
        }
    }

    private static void submit(MappedDevice md, Bio bio) throws IOException, DmException {
        SchedulePoint.at(md.context().interleaving(), "bio: before gate");
        if (!md.gate().enter()) {
            throw new DmException(Errno.ENXIO, md.name());
        }
        try {
            BlockDevice.checkRange(bio.sector, bio.count, md.capacity());
            md.submit(bio);
        } finally {
            md.gate().exit();
        }
    }
}
