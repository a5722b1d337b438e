package dev.snapref.engine;

import dev.snapref.engine.block.MemoryBlockDevice;
import dev.snapref.engine.core.Bio;
import dev.snapref.engine.core.Kernel;
import dev.snapref.engine.core.MappedBlockDevice;
import dev.snapref.engine.core.MappedDevice;
import dev.snapref.engine.core.Table;
import dev.snapref.engine.core.TableLoader;
import dev.snapref.engine.core.Target;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * "The kernel": backing disks, dm core and the snapshot targets, driven like dmsetup and O_DIRECT
 * I/O drive Linux 6.1. Thread-safe: control operations are serialized by the control lock; I/O runs
 * concurrently with them and with other I/O, blocks while its device is suspended and is drained by
 * suspend. Errors carry the kernel's errno; kernel messages go to {@link #log()}.
 */
public final class DeviceMapper {
    private static final String DISK_PREFIX = "/dev/disk/";
    private static final String MAPPER_PREFIX = "/dev/mapper/";

    private final Map<String, BlockDevice> disks = new ConcurrentHashMap<>();
    private static final java.util.Comparator<MappedDevice> BY_NAME = java.util.Comparator.comparing(MappedDevice::name);
    private final Map<String, MappedDevice> devices = new ConcurrentHashMap<>();
    /** Every block device node by its path (disks and mapped devices), so the I/O path looks a node up with the caller's cached hash. */
    private final Map<String, Object> nodesByPath = new ConcurrentHashMap<>();
    private final Map<MappedDevice, MappedBlockDevice> nodes = new ConcurrentHashMap<>();
    private final Kernel kernel;

    /** A correct engine (no bug switch on). */
    public DeviceMapper() {
        this(Set.of());
    }

    /**
     * An engine with the given bug switches on (the canaries of the correctness gate; see
     * {@link EngineBug}). An empty set is the correct engine.
     */
    public DeviceMapper(Set<EngineBug> bugs) {
        this.kernel = new Kernel(this::openDevice, bugs);
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
        return kernel.bugs();
    }

    // ------------------------------------------------------------------ disks

    /** Adds /dev/disk/NAME: a zero-filled, sparse in-memory disk of {@code sectors} sectors. */
    public void addDisk(String name, long sectors) {
        addDisk(name, new MemoryBlockDevice(sectors));
    }

    /** Adds /dev/disk/NAME backed by {@code device}. */
    public void addDisk(String name, BlockDevice device) {
        if (disks.putIfAbsent(name, device) != null) {
            throw new IllegalArgumentException("disk exists: " + name);
        }
        nodesByPath.put(DISK_PREFIX + name, device);
    }

    /** The disk /dev/disk/NAME, or null. */
    public BlockDevice disk(String name) {
        return disks.get(name);
    }

    public KernelLog log() {
        return kernel.log();
    }

    private BlockDevice openDevice(String path, MappedDevice self) throws DmException {
        if (path.startsWith(DISK_PREFIX)) {
            BlockDevice d = disks.get(path.substring(DISK_PREFIX.length()));
            if (d != null) {
                return d;
            }
        } else if (path.startsWith(MAPPER_PREFIX)) {
            MappedDevice md = devices.get(path.substring(MAPPER_PREFIX.length()));
            if (md != null && md.hasDisk()) {
                if (md == self) {
                    throw new DmException(Errno.EINVAL, "table refers to its own device");
                }
                return nodes.computeIfAbsent(md, MappedBlockDevice::new);
            }
        }
        // dm_get_device: a path that names no block device is -ENODEV (Linux 6.1, dm_get_dev_t)
        throw new DmException(Errno.ENODEV, path);
    }

    // ------------------------------------------------------------------ control (dmsetup)

    private interface Op<T> {
        T run() throws DmException;
    }

    private <T> T control(Op<T> op) throws DmException {
        kernel.controlLock().lock();
        try {
            return op.run();
        } finally {
            kernel.controlLock().unlock();
        }
    }

    private MappedDevice lookup(String name) throws DmException {
        MappedDevice md = devices.get(name);
        if (md == null) {
            throw new DmException(Errno.ENXIO, name);
        }
        return md;
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

    /** dmsetup create NAME --notable. EBUSY if the name is taken. */
    public void createNoTable(String name) throws DmException {
        control(() -> {
            if (name.isEmpty() || name.contains("/")) {
                throw new DmException(Errno.EINVAL, name);
            }
            if (devices.containsKey(name)) {
                throw new DmException(Errno.EBUSY, name);
            }
            MappedDevice md = new MappedDevice(name, kernel);
            devices.put(name, md);
            nodesByPath.put(MAPPER_PREFIX + name, md);
            return null;
        });
    }

    /** dmsetup load: runs the constructor now and stages the table inactive (replacing an older one). */
    public void load(String name, String table) throws DmException {
        control(() -> {
            MappedDevice md = lookup(name);
            Table t = TableLoader.load(md, table);
            int r = md.setupQueue(t);
            if (r != 0) {
                md.destroyTable(t);
                throw new DmException(errno(-r), "unable to set up device queue");
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
            MappedDevice md = lookup(name);
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
            MappedDevice md = lookup(name);
            Table newMap = md.takeInactive();
            Table old = null;
            if (newMap != null) {
                if (!md.isSuspended()) {
                    md.suspend();
                }
                int lr = md.calculateLimits(newMap);
                if (lr != 0) {
                    // dm_swap_table failed: the new table is destroyed, the device stays suspended
                    md.destroyTable(newMap);
                    throw new DmException(errno(-lr), "dm_swap_table failed");
                }
                old = md.swapTable(newMap);
            }
            int r = 0;
            if (md.isSuspended()) {
                r = md.resume();
            }
            if (old != null) {
                md.destroyTable(old);
            }
            if (r != 0) {
                throw new DmException(errno(-r), "resume failed");
            }
            return null;
        });
    }

    /**
     * dmsetup remove: inactive table destroyed first, then the live one (suspended first). EBUSY
     * while the device is open: I/O in flight, or a table (live or inactive, of any device) uses
     * it as a device (dm_lock_for_deletion: the open count of the tables' dm_get_device).
     */
    public void remove(String name) throws DmException {
        control(() -> {
            MappedDevice md = lookup(name);
            if (md.gate().users() > 0 || openByTable(md)) {
                throw new DmException(Errno.EBUSY, name);
            }
            devices.remove(name);
            nodesByPath.remove(MAPPER_PREFIX + name);
            nodes.remove(md);
            for (Table t : md.removeTables()) {
                md.destroyTable(t);
            }
            return null;
        });
    }

    /** Whether a live or inactive table of some device holds {@code md} open as one of its devices. Control lock held. */
    private boolean openByTable(MappedDevice md) {
        for (MappedDevice other : devices.values()) {
            for (Table t : new Table[] {other.live(), other.inactive()}) {
                if (t != null && t.target() != null && usesDevice(t.target(), md)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean usesDevice(Target ti, MappedDevice md) {
        for (dev.snapref.engine.core.DeviceArea a : ti.devices()) {
            if (a.device() instanceof MappedBlockDevice m && m.md() == md) {
                return true;
            }
        }
        return false;
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
            MappedDevice md = lookup(name);
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

    /** dmsetup info: state and tables present. */
    public DeviceInfo info(String name) throws DmException {
        return control(() -> {
            MappedDevice md = lookup(name);
            return new DeviceInfo(md.isSuspended(), md.live() != null, md.inactive() != null);
        });
    }

    /**
     * Whether I/O to {@code path} would block now: a mapped device that is suspended and has a
     * device node of non-zero size. Disks are never suspended.
     */
    public boolean isSuspended(String path) {
        if (!path.startsWith(MAPPER_PREFIX)) {
            return false;
        }
        MappedDevice md = devices.get(path.substring(MAPPER_PREFIX.length()));
        return md != null && md.hasDisk() && md.capacity() > 0 && md.gate().isBlocked();
    }

    /**
     * Whether an I/O starting at {@code sector} of {@code path} would block now: the device is
     * suspended and the I/O reaches the block layer. An I/O that starts at or past the end never
     * does: the block layer answers it at once (a read returns nothing, a write ENOSPC).
     */
    public boolean wouldBlock(String path, long sector) {
        if (!isSuspended(path)) {
            return false;
        }
        MappedDevice md = devices.get(path.substring(MAPPER_PREFIX.length()));
        return md != null && sector < md.capacity();
    }

    // ------------------------------------------------------------------ I/O

    /**
     * One O_DIRECT read of {@code count} sectors: returns the sectors that exist (shorter at the
     * end of the device, empty beyond it). ENOENT if there is no such block device; EIO on failure.
     */
    public byte[] read(String path, long sector, int count) throws DmException {
        Object node = node(path);
        byte[] buf = new byte[sectorsInRange(node, sector, count) * BlockDevice.SECTOR_SIZE];
        io(node, sector, buf.length / BlockDevice.SECTOR_SIZE, buf, 0, false);
        return buf;
    }

    /**
     * One O_DIRECT read into the caller's buffer (pread): reads the sectors of
     * [{@code sector}, {@code sector + count}) that exist into {@code dst[off..]} and returns how
     * many it read (fewer at the end of the device, 0 beyond it); the rest of {@code dst} is left
     * alone. Errors as {@link #read(String, long, int)}.
     */
    public int read(String path, long sector, int count, byte[] dst, int off) throws DmException {
        checkBuffer(dst, off, count);
        Object node = node(path);
        int n = sectorsInRange(node, sector, count);
        io(node, sector, n, dst, off, false);
        return n;
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
        checkBuffer(src, off, count);
        Object node = node(path);
        int n = sectorsInRange(node, sector, count);
        io(node, sector, n, src, off, true);
        if (n < count) {
            throw new DmException(Errno.ENOSPC, path);
        }
    }

    private static void checkBuffer(byte[] buf, int off, int count) {
        if (count < 0 || off < 0 || off + (long) count * BlockDevice.SECTOR_SIZE > buf.length) {
            throw new IllegalArgumentException("buffer too short for " + count + " sectors at offset " + off);
        }
    }

    /** The block device node {@code path} names: a disk, or a mapped device with a node; ENOENT if none. */
    private Object node(String path) throws DmException {
        Object node = nodesByPath.get(path);
        if (node == null || node instanceof MappedDevice md && !md.hasDisk()) {
            throw new DmException(Errno.ENOENT, path);
        }
        return node;
    }

    /** How many of {@code count} sectors from {@code sector} lie inside {@code node} now. */
    private static int sectorsInRange(Object node, long sector, int count) {
        long size = node instanceof BlockDevice disk ? disk.sectors() : ((MappedDevice) node).capacity();
        return (int) Math.max(0, Math.min(count, size - sector));
    }

    /** One request of {@code n} sectors on {@code node} (a disk or a mapped device; none when 0); EIO when it fails. */
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

    private static Errno errno(int n) {
        for (Errno e : Errno.values()) {
            if (e.number() == n) {
                return e;
            }
        }
        return Errno.EIO;
    }

    /**
     * A read-only view of every mapped device, in name order, taken under the control lock (so no
     * table is loaded, swapped or destroyed meanwhile; I/O may still run). For tools and the
     * conformance refinement check.
     */
    public List<dev.snapref.engine.inspect.DeviceState> inspect() {
        kernel.controlLock().lock();
        try {
            List<MappedDevice> sorted = new java.util.ArrayList<>(devices.values());
            sorted.sort(BY_NAME);
            List<dev.snapref.engine.inspect.DeviceState> out = new java.util.ArrayList<>(sorted.size());
            for (MappedDevice md : sorted) {
                out.add(new dev.snapref.engine.inspect.DeviceState(md.name(), md.isSuspended(), inspect(md.live()),
                        inspect(md.inactive())));
            }
            return java.util.Collections.unmodifiableList(out);
        } finally {
            kernel.controlLock().unlock();
        }
    }

    private static Optional<dev.snapref.engine.inspect.TableState> inspect(Table t) {
        if (t == null || t.target() == null) {
            return Optional.empty();
        }
        Target ti = t.target();
        if (ti instanceof dev.snapref.engine.snapshot.SnapshotTarget s) {
            return Optional.of(s.inspect());
        }
        if (ti instanceof dev.snapref.engine.snapshot.SnapshotOriginTarget o) {
            return Optional.of(new dev.snapref.engine.inspect.TableState("snapshot-origin", true, true, 0, "", "",
                    java.util.Collections.emptySortedMap(), o.splitBoundary()));
        }
        return Optional.empty();
    }

    /** Names of the mapped devices (tests, tools). */
    public List<String> deviceNames() {
        return List.copyOf(devices.keySet());
    }
}
