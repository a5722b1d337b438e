package dev.snapref.engine;

import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.block.MemoryBlockDevice;
import dev.snapref.engine.dm.DmContext;
import dev.snapref.engine.dm.MappedDevice;
import dev.snapref.engine.dm.Table;
import dev.snapref.engine.dm.TableLoader;
import dev.snapref.engine.dm.Target;
import dev.snapref.engine.inspect.DeviceView;
import dev.snapref.engine.inspect.TargetView;
import dev.snapref.engine.kernel.DmException;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.engine.kernel.Errno;
import dev.snapref.engine.kernel.Interleaving;
import dev.snapref.engine.kernel.KernelLog;
import dev.snapref.engine.linear.LinearTargets;
import dev.snapref.engine.snapshot.SnapshotTargets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * "The kernel": backing disks, dm core and the target types it registers (the snapshot targets
 * and linear),
 * driven like dmsetup and O_DIRECT I/O drive Linux 6.1. Thread-safe: control operations are
 * serialized by the control lock; I/O runs concurrently with them and with other I/O, blocks while
 * its device is suspended and is drained by suspend. Every failure is a {@link DmException}
 * carrying the kernel's errno; kernel messages go to {@link #log()}.
 */
public final class DeviceMapper {
    private final DeviceNodes nodes = new DeviceNodes();
    private final DmContext ctx;

    /** A correct engine (no bug switch on). */
    public DeviceMapper() {
        this(Set.of());
    }

    /**
     * An engine with the given bug switches on (the canaries of the correctness gate; see
     * {@link EngineBug}). An empty set is the correct engine.
     */
    public DeviceMapper(Set<EngineBug> bugs) {
        this(bugs, Interleaving.FREE);
    }

    /**
     * An engine whose threads switch, wait and take contended locks through {@code interleaving}
     * (the conformance gate's deterministic concurrency phase; see {@link Interleaving}).
     */
    public DeviceMapper(Set<EngineBug> bugs, Interleaving interleaving) {
        this.ctx = new DmContext(nodes::open, bugs, interleaving);
        SnapshotTargets.register(ctx);
        LinearTargets.register(ctx);
    }

    /** The schedule points of this engine ({@link Interleaving#FREE} unless one was installed). */
    public Interleaving interleaving() {
        return ctx.interleaving();
    }

    /**
     * An engine with the one bug switch {@code name} on ({@link EngineBug#id()}); used by the
     * stress tests ({@code -Dsnapref.bug=NAME}).
     *
     * @throws IllegalArgumentException naming the known switches when {@code name} is unknown
     */
    public static DeviceMapper withBug(String name) {
        return new DeviceMapper(Set.of(EngineBug.byId(name)));
    }

    /** The bug switches that are on (empty for the correct engine). */
    public Set<EngineBug> bugs() {
        return ctx.bugs();
    }

    public KernelLog log() {
        return ctx.log();
    }

    // ------------------------------------------------------------------ disks

    /** Adds /dev/disk/NAME: a zero-filled, sparse in-memory disk of {@code sectors} sectors. */
    public void addDisk(String name, long sectors) {
        addDisk(name, new MemoryBlockDevice(sectors));
    }

    /** Adds /dev/disk/NAME backed by {@code device}. */
    public void addDisk(String name, BlockDevice device) {
        nodes.addDisk(name, device);
    }

    /** The disk /dev/disk/NAME, or null. */
    public BlockDevice disk(String name) {
        return nodes.disk(name);
    }

    // ------------------------------------------------------------------ control (dmsetup)

    private interface Op<T> {
        T run() throws DmException;
    }

    private <T> T control(Op<T> op) throws DmException {
        ctx.interleaving().lock(ctx.controlLock(), "control lock");
        try {
            return op.run();
        } finally {
            ctx.controlLock().unlock();
        }
    }

    /** dmsetup create NAME --table TABLE: create, load, resume; on any failure no device is left. */
    public void create(String name, String table) throws DmException {
        control(() -> {
            createNoTable(name);
            try {
                load(name, table);
                resume(name);
            } catch (DmException e) {
                remove(name);
                throw e;
            }
            return null;
        });
    }

    /** dmsetup create NAME --notable. EBUSY if the name is taken, EINVAL for a name dm refuses. */
    public void createNoTable(String name) throws DmException {
        control(() -> {
            if (name.isEmpty() || name.contains("/")) {
                throw new DmException(Errno.EINVAL, name);
            }
            if (!nodes.addMapped(new MappedDevice(name, ctx))) {
                throw new DmException(Errno.EBUSY, name);
            }
            return null;
        });
    }

    /** dmsetup load: runs the constructor now and stages the table inactive (replacing an older one). */
    public void load(String name, String table) throws DmException {
        control(() -> {
            MappedDevice md = nodes.lookup(name);
            Table t = TableLoader.load(md, table);
            try {
                md.setupQueue(t);
            } catch (DmException e) {
                md.destroyTable(t);
                throw new DmException(e.errno(), "unable to set up device queue");
            }
            Table old = md.stageInactive(t);
            if (old != null) {
                md.destroyTable(old);
            }
            return null;
        });
    }

    /** dmsetup suspend; a no-op on a suspended device. */
    public void suspend(String name) throws DmException {
        control(() -> {
            MappedDevice md = nodes.lookup(name);
            if (!md.isSuspended()) {
                md.suspend();
            }
            return null;
        });
    }

    /**
     * dmsetup resume (do_resume): with an inactive table, suspend if needed, swap it live, resume
     * (preresume of the new table; on failure the device stays suspended with the new table live),
     * then destroy the old table in every case; else resume the live table if suspended.
     */
    public void resume(String name) throws DmException {
        control(() -> {
            MappedDevice md = nodes.lookup(name);
            Table old = swapInInactive(md);
            try {
                if (md.isSuspended()) {
                    md.resume();
                }
            } catch (DmException e) {
                throw new DmException(e.errno(), "resume failed");
            } finally {
                if (old != null) {
                    md.destroyTable(old);
                }
            }
            return null;
        });
    }

    /** The swap half of do_resume: makes the inactive table live (suspending first); returns the old live table. */
    private static Table swapInInactive(MappedDevice md) throws DmException {
        Table newMap = md.takeInactive();
        if (newMap == null) {
            return null;
        }
        if (!md.isSuspended()) {
            md.suspend();
        }
        try {
            md.calculateLimits(newMap);
        } catch (DmException e) {
            // dm_swap_table failed: the new table is destroyed, the device stays suspended
            md.destroyTable(newMap);
            throw new DmException(e.errno(), "dm_swap_table failed");
        }
        return md.swapTable(newMap);
    }

    /**
     * dmsetup remove: inactive table destroyed first, then the live one (suspended first). EBUSY
     * while the device is open: I/O in flight, or a table (live or inactive, of any device) uses
     * it as a device (dm_lock_for_deletion: the open count of the tables' dm_get_device).
     */
    public void remove(String name) throws DmException {
        control(() -> {
            MappedDevice md = nodes.lookup(name);
            if (md.gate().users() > 0 || nodes.openByTable(md)) {
                throw new DmException(Errno.EBUSY, name);
            }
            nodes.removeMapped(md);
            for (Table t : md.removeTables()) {
                md.destroyTable(t);
            }
            return null;
        });
    }

    /** dmsetup status [--inactive]: {@code START LEN TYPE INFO} without trailing blanks; empty if no such table. */
    public Optional<String> status(String name, boolean inactive) throws DmException {
        return line(name, inactive, true);
    }

    /** dmsetup table [--inactive]: {@code START LEN TYPE ARGS}; devices as the path used in the table. */
    public Optional<String> table(String name, boolean inactive) throws DmException {
        return line(name, inactive, false);
    }

    private Optional<String> line(String name, boolean inactive, boolean info) throws DmException {
        return control(() -> {
            MappedDevice md = nodes.lookup(name);
            Table t = inactive ? md.inactive() : md.live();
            if (t == null || t.target() == null) {
                return Optional.empty();
            }
            Target ti = t.target();
            String params = info ? ti.statusInfo() : ti.statusTable();
            String s = ti.begin() + " " + ti.length() + " " + ti.typeName() + " " + params;
            return Optional.of(s.stripTrailing());
        });
    }

    /**
     * Whether the live table of {@code name} has background work in progress (a merge that has not
     * stopped yet); false for an unknown device or one without a live table.
     */
    public boolean busy(String name) {
        ctx.interleaving().lock(ctx.controlLock(), "control lock");
        try {
            MappedDevice md = nodes.mappedAt(DeviceNodes.MAPPER_PREFIX + name);
            Table t = md == null ? null : md.live();
            return t != null && t.target() != null && t.target().busy();
        } finally {
            ctx.controlLock().unlock();
        }
    }

    /** dmsetup info: state and tables present. */
    public DeviceInfo info(String name) throws DmException {
        return control(() -> {
            MappedDevice md = nodes.lookup(name);
            return new DeviceInfo(md.isSuspended(), md.live() != null, md.inactive() != null);
        });
    }

    /**
     * Whether I/O to {@code path} would block now: a mapped device that is suspended and has a
     * device node of non-zero size. Disks are never suspended.
     */
    public boolean isSuspended(String path) {
        MappedDevice md = nodes.mappedAt(path);
        return md != null && md.hasDisk() && md.capacity() > 0 && md.gate().isBlocked();
    }

    /**
     * Whether an I/O starting at {@code sector} of {@code path} would block now (the runners'
     * blocked rule): the device, or a mapped device one of its tables uses (recursively, as sysfs
     * {@code slaves} lists them), is suspended, and the I/O reaches the block layer. An I/O that
     * starts at or past the end never does: the block layer answers it at once (a read returns
     * nothing, a write ENOSPC).
     */
    public boolean wouldBlock(String path, long sector) {
        MappedDevice md = nodes.mappedAt(path);
        if (md == null || !md.hasDisk() || md.capacity() == 0 || sector >= md.capacity()) {
            return false;
        }
        ctx.controlLock().lock();
        try {
            return md.isSuspended() || nodes.stacksOnSuspended(md);
        } finally {
            ctx.controlLock().unlock();
        }
    }

    // ------------------------------------------------------------------ I/O

    /**
     * One O_DIRECT read of {@code count} sectors: returns the sectors that exist (shorter at the
     * end of the device, empty beyond it). ENOENT if there is no such block device; EIO on failure.
     */
    public byte[] read(String path, long sector, int count) throws DmException {
        Object node = nodes.ioNode(path);
        byte[] buf = new byte[DirectIo.sectorsInRange(node, sector, count) * BlockDevice.SECTOR_SIZE];
        DirectIo.read(node, sector, buf.length / BlockDevice.SECTOR_SIZE, buf, 0);
        return buf;
    }

    /**
     * One O_DIRECT read into the caller's buffer (pread): reads the sectors of
     * [{@code sector}, {@code sector + count}) that exist into {@code dst[off..]} and returns how
     * many it read (fewer at the end of the device, 0 beyond it); the rest of {@code dst} is left
     * alone. Errors as {@link #read(String, long, int)}.
     */
    public int read(String path, long sector, int count, byte[] dst, int off) throws DmException {
        int n = DirectIo.read(nodes.ioNode(path), sector, count, dst, off);
        return ctx.bug(EngineBug.READ_RETURNS_ASKED) ? count : n;
    }

    /**
     * One O_DIRECT write ({@code data.length} a multiple of 512): writes what fits, then ENOSPC if
     * not everything fitted. ENOENT if there is no such block device; EIO on failure.
     */
    public void write(String path, long sector, byte[] data) throws DmException {
        if (data.length % BlockDevice.SECTOR_SIZE != 0) {
            throw new IllegalArgumentException("data must be whole sectors");
        }
        write(path, sector, data.length / BlockDevice.SECTOR_SIZE, data, 0);
    }

    /**
     * One O_DIRECT write of {@code count} sectors from the caller's buffer at {@code src[off..]}
     * (pwrite): writes what fits, then ENOSPC if not everything fitted. Errors as
     * {@link #write(String, long, byte[])}.
     */
    public void write(String path, long sector, int count, byte[] src, int off) throws DmException {
        DirectIo.write(nodes.ioNode(path), path, sector, count, src, off);
    }

    /**
     * Rethrows what ended a background worker (a merge) since the last call: an engine defect the
     * worker's own thread could not report (an {@link Error} as it is, anything else wrapped in an
     * {@link IllegalStateException}). Drivers call it after each command.
     */
    public void rethrowBackgroundFailure() {
        Throwable t = ctx.takeBackgroundFailure();
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException("a background merge failed: " + t, t);
        }
    }

    // ------------------------------------------------------------------ inspection

    /**
     * A read-only view of every mapped device, in name order, taken under the control lock (so no
     * table is loaded, swapped or destroyed meanwhile; I/O may still run). For tools and the
     * conformance refinement check.
     */
    public List<DeviceView> inspect() {
        ctx.interleaving().lock(ctx.controlLock(), "control lock");
        try {
            List<DeviceView> out = new ArrayList<>();
            for (MappedDevice md : nodes.sortedDevices()) {
                out.add(new DeviceView(md.name(), md.isSuspended(), view(md.live()), view(md.inactive())));
            }
            return Collections.unmodifiableList(out);
        } finally {
            ctx.controlLock().unlock();
        }
    }

    private static Optional<TargetView> view(Table t) {
        return t == null || t.target() == null ? Optional.empty() : Optional.of(t.target().view());
    }

    /** Names of the mapped devices (tests, tools). */
    public List<String> deviceNames() {
        return nodes.deviceNames();
    }
}
