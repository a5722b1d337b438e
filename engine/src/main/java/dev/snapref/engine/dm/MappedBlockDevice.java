package dev.snapref.engine.dm;

import dev.snapref.engine.block.BlockDevice;

import java.io.IOException;

/**
 * A mapped device seen as a block device (its /dev/mapper node), so tables can stack on mapped
 * devices. I/O passes the device's gate (blocking while it is suspended) and dm core.
 */
public final class MappedBlockDevice implements BlockDevice {
    private final MappedDevice md;

    public MappedBlockDevice(MappedDevice md) {
        this.md = md;
    }

    public MappedDevice md() {
        return md;
    }

    @Override
    public long sectors() {
        return md.capacity();
    }

    @Override
    public void read(long sector, byte[] dst, int off, int count) throws IOException {
        io(new Bio(false, sector, count, dst, off));
    }

    @Override
    public void write(long sector, byte[] src, int off, int count, boolean fua) throws IOException {
        io(new Bio(true, sector, count, src, off, fua));
    }

    private void io(Bio bio) throws IOException {
        if (!md.gate().enter()) {
            throw new IOException("device removed");
        }
        try {
            BlockDevice.checkRange(bio.sector, bio.count, md.capacity());
            md.submit(bio);
        } finally {
            md.gate().exit();
        }
    }

    /** A cache flush passes the gate and goes to the devices under the live table (its target's {@link Target#flush}). */
    @Override
    public void flush() throws IOException {
        if (!md.gate().enter()) {
            throw new IOException("device removed");
        }
        try {
            Table map = md.live();
            if (map == null || map.target() == null) {
                throw new IOException("no live table");
            }
            map.target().flush();
        } finally {
            md.gate().exit();
        }
    }
}
