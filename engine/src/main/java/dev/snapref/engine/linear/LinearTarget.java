package dev.snapref.engine.linear;

import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.dm.Bio;
import dev.snapref.engine.dm.DeviceArea;
import dev.snapref.engine.dm.DmContext;
import dev.snapref.engine.dm.Mapping;
import dev.snapref.engine.dm.Table;
import dev.snapref.engine.dm.Target;
import dev.snapref.engine.inspect.LinearView;
import dev.snapref.engine.kernel.DmException;
import dev.snapref.engine.kernel.Errno;

import java.io.IOException;
import java.util.List;

/**
 * The {@code linear} target (dm-linear.c, 1.4.0): {@code <dev> <offset>}; every bio goes to the
 * lower device at {@code offset} plus its sector. A request past the lower device's end fails
 * there (EIO). Immutable after construction, so it needs no lock.
 */
public final class LinearTarget extends Target {
    private final DmContext ctx;
    private final String path;
    private final BlockDevice dev;
    private final long offset;

    private LinearTarget(Table t, long begin, long length, DmContext ctx, String path, BlockDevice dev, long offset) {
        super(t, begin, length);
        this.ctx = ctx;
        this.path = path;
        this.dev = dev;
        this.offset = offset;
    }

    /** linear_ctr: exactly two arguments, the device and a decimal sector (sscanf "%llu"). */
    static LinearTarget construct(Table t, long begin, long length, String[] argv, DmContext ctx) throws DmException {
        if (argv.length != 2) {
            throw new DmException(Errno.EINVAL, "Invalid argument count");
        }
        if (!argv[1].matches("[0-9]+")) {
            throw new DmException(Errno.EINVAL, "Invalid device sector");
        }
        long offset = new java.math.BigInteger(argv[1]).longValue(); // %llu wraps past 2^64
        BlockDevice dev;
        try {
            dev = ctx.resolver().open(argv[0], t.md());
        } catch (DmException e) {
            throw new DmException(e.errno(), "Device lookup failed");
        }
        return new LinearTarget(t, begin, length, ctx, argv[0], dev, offset);
    }

    @Override
    public String typeName() {
        return "linear";
    }

    @Override
    public Mapping map(Bio bio) {
        return Mapping.remap(dev, offset + bio.sector - begin(), bio);
    }

    @Override
    public void flush() throws IOException {
        dev.flush();
    }

    @Override
    public List<DeviceArea> devices() {
        return List.of(new DeviceArea(ctx.logName(path, dev), dev, offset, length()));
    }

    @Override
    public void destroy() {
        // dm_put_device only: nothing of the target outlives it
    }

    @Override
    public String statusInfo() {
        return "";
    }

    @Override
    public String statusTable() {
        return path + " " + Long.toUnsignedString(offset);
    }

    @Override
    public LinearView view() {
        return new LinearView(length(), path, offset);
    }
}
