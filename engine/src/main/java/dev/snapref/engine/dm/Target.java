package dev.snapref.engine.dm;

import dev.snapref.engine.inspect.TargetView;
import dev.snapref.engine.kernel.DmException;

import java.util.List;

/**
 * A target instance in a table (struct dm_target). Hooks are called by dm core with the control
 * lock held: preresume/resume on the table being made live, presuspend/postsuspend when suspending
 * a live table, {@link #destroy} once when the table is destroyed. {@link #map} is called by I/O
 * threads while the table is live and its device is not blocked.
 */
public abstract class Target {
    private final Table table;
    private final long begin;
    private final long length;

    protected Target(Table table, long begin, long length) {
        this.table = table;
        this.begin = begin;
        this.length = length;
    }

    public final Table table() {
        return table;
    }

    public final long begin() {
        return begin;
    }

    /** ti->len in sectors. */
    public final long length() {
        return length;
    }

    /** The target type name, e.g. {@code snapshot}. */
    public abstract String typeName();

    /**
     * How many sectors starting at {@code sector} (target-relative) one piece may cover, at most
     * {@code remaining}. Default: ti->max_io_len boundaries, if any.
     */
    public long pieceLength(boolean write, long sector, long remaining) {
        long max = maxIoLen();
        if (max == 0) {
            return remaining;
        }
        long left = max - (sector & (max - 1));
        return Math.min(left, remaining);
    }

    /**
     * Whether dm core maps, starts and completes the first piece of a split write before it maps
     * the others (what Linux 6.1 showed for writes whose copy-out runs through kcopyd: the first
     * piece's exceptions committed on their own), rather than mapping every piece first. Default:
     * the first piece alone.
     */
    public boolean firstWritePieceAlone() {
        return true;
    }

    /** ti->max_io_len (0 = unlimited). Must be a power of two when non-zero. */
    protected long maxIoLen() {
        return 0;
    }

    /** Maps one piece (sector is device-relative, equal to target-relative since begin == 0). */
    public abstract Mapping map(Bio bio);

    /**
     * Maps a bio that dm core submits whole (the target takes it as one piece): dm core starts and
     * finishes the mapping right after this returns, with no other piece of the bio mapped in
     * between, so a target may do the piece's work here already. Default: {@link #map}.
     */
    public Mapping mapWhole(Bio bio) {
        return map(bio);
    }

    /**
     * A cache flush of the device (REQ_PREFLUSH): passed to the devices the target writes, in
     * {@link #devices()} order by default; called by I/O threads like {@link #map}.
     */
    public void flush() throws java.io.IOException {
        for (DeviceArea a : devices()) {
            a.device().flush();
        }
    }

    /**
     * Whether the target has background work in progress (a merge): a driver that must not look at
     * the device before that work is done can wait for it. Default: none.
     */
    public boolean busy() {
        return false;
    }

    /** The preresume hook: refuses to resume with the errno the kernel gives (dm core logs the failure). */
    public void preresume() throws DmException {
    }

    public void resume() {
    }

    public void presuspend() {
    }

    public void postsuspend() {
    }

    /**
     * iterate_devices: the device areas this target uses, checked against the devices' sizes when
     * the table's queue limits are calculated (first load, and every swap).
     */
    public abstract List<DeviceArea> devices();

    /** The destructor (dtr). */
    public abstract void destroy();

    /** STATUSTYPE_INFO text (may be empty). */
    public abstract String statusInfo();

    /** STATUSTYPE_TABLE text. */
    public abstract String statusTable();

    /** A consistent read-only view of the target's state, for tools and the refinement check. */
    public abstract TargetView view();
}
