package dev.snapref.engine.snapshot;

import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.dm.Bio;
import dev.snapref.engine.dm.DeviceArea;
import dev.snapref.engine.dm.DmContext;
import dev.snapref.engine.dm.Mapping;
import dev.snapref.engine.dm.Table;
import dev.snapref.engine.dm.Target;
import dev.snapref.engine.inspect.OriginView;
import dev.snapref.engine.kernel.DmException;
import dev.snapref.engine.kernel.Errno;

import java.util.List;

/**
 * The {@code snapshot-origin} target (dm-snap.c, origin 1.9.0). Reads pass through. A write first
 * makes sure every valid, active snapshot of the origin holds a completed exception for the chunk
 * of the write's first sector (per snapshot chunk size), waiting on pending exceptions, then goes
 * to the origin ({@link OriginWrite}). Writes are split at the split boundary computed at the last resume: the smallest
 * non-zero chunk size of the origin's snapshots then, or 2^31 sectors if there was none (kernel
 * quirk reproduced on purpose).
 */
public final class SnapshotOriginTarget extends Target {
    /** rounddown_pow_of_two(UINT_MAX). */
    static final long NO_SNAPSHOT_BOUNDARY = 1L << 31;

    private final DmContext ctx;
    private final Origins origins;
    private final String path;
    private final BlockDevice dev;
    private volatile long splitBoundary = NO_SNAPSHOT_BOUNDARY;
    /** Whether this target has been resumed (the split boundary is computed at resume). */
    private volatile boolean resumed;

    private SnapshotOriginTarget(Table t, long begin, long length, DmContext ctx, Origins origins, String path,
                                 BlockDevice dev) {
        super(t, begin, length);
        this.ctx = ctx;
        this.origins = origins;
        this.path = path;
        this.dev = dev;
    }

    /** origin_ctr: exactly one argument, the origin device. */
    static SnapshotOriginTarget construct(Table t, long begin, long length, String[] argv, DmContext ctx,
                                          Origins origins) throws DmException {
        if (argv.length != 1) {
            throw new DmException(Errno.EINVAL, "origin: incorrect number of arguments");
        }
        BlockDevice dev;
        try {
            dev = ctx.resolver().open(argv[0], t.md());
        } catch (DmException e) {
            throw new DmException(e.errno(), "Cannot get target device");
        }
        return new SnapshotOriginTarget(t, begin, length, ctx, origins, argv[0], dev);
    }

    @Override
    public String typeName() {
        return "snapshot-origin";
    }

    BlockDevice device() {
        return dev;
    }

    /** The split boundary in force (sectors). */
    public long splitBoundary() {
        return splitBoundary;
    }

    @Override
    public long pieceLength(boolean write, long sector, long remaining) {
        if (!write) {
            return remaining;
        }
        long b = splitBoundary;
        return Math.min(remaining, b - (sector & (b - 1)));
    }

    @Override
    public Mapping map(Bio bio) {
        if (!bio.write) {
            return Mapping.remap(dev, bio.sector, bio);
        }
        return OriginWrite.map(ctx, origins, dev, bio, false);
    }

    /**
     * A write submitted whole may make its exceptions inline (see {@link
     * ExceptionCompletion#completeInline}): nothing else of the bio runs between its map and its
     * completion, so doing the copies at map time changes no order dm core keeps.
     */
    @Override
    public Mapping mapWhole(Bio bio) {
        if (!bio.write) {
            return Mapping.remap(dev, bio.sector, bio);
        }
        return OriginWrite.map(ctx, origins, dev, bio, true);
    }

    @Override
    public List<DeviceArea> devices() {
        return List.of(new DeviceArea(ctx.logName(path, dev), dev, 0, length()));
    }

    @Override
    public void resume() {
        splitBoundary = origins.minimumChunkSize(dev);
        resumed = true;
        origins.insertDmOrigin(this);
    }

    @Override
    public void postsuspend() {
        origins.removeDmOrigin(this);
    }

    @Override
    public void destroy() {
        origins.removeDmOrigin(this);
    }

    @Override
    public String statusInfo() {
        return "";
    }

    @Override
    public String statusTable() {
        return path;
    }

    /**
     * The origin's view: its length and the split boundary computed at its last resume (0 before
     * its first), read through {@link #splitBoundary()}, so the view and the accessor never differ.
     */
    @Override
    public OriginView view() {
        return new OriginView(length(), resumed ? splitBoundary() : 0);
    }
}
