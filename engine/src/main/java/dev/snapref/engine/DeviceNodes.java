package dev.snapref.engine;

import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.dm.DeviceArea;
import dev.snapref.engine.dm.MappedBlockDevice;
import dev.snapref.engine.dm.MappedDevice;
import dev.snapref.engine.dm.Table;
import dev.snapref.engine.dm.Target;
import dev.snapref.engine.kernel.DmException;
import dev.snapref.engine.kernel.Errno;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's block device namespace: the disks under {@code /dev/disk/} and the mapped devices
 * under {@code /dev/mapper/}, the way table lines and I/O name them (the kernel's bdev lookup
 * plus dm's name hash). Thread-safe maps: the I/O path reads them without the control lock; they
 * change only under it.
 */
final class DeviceNodes {
    static final String DISK_PREFIX = "/dev/disk/";
    static final String MAPPER_PREFIX = "/dev/mapper/";
    private static final Comparator<MappedDevice> BY_NAME = Comparator.comparing(MappedDevice::name);

    private final Map<String, BlockDevice> disks = new ConcurrentHashMap<>();
    private final Map<String, MappedDevice> devices = new ConcurrentHashMap<>();
    /** Every node by its path (disks and mapped devices), so the I/O path needs one lookup. */
    private final Map<String, Object> byPath = new ConcurrentHashMap<>();
    /** The block device face of each mapped device that a table has opened. */
    private final Map<MappedDevice, MappedBlockDevice> opened = new ConcurrentHashMap<>();

    void addDisk(String name, BlockDevice device) {
        if (disks.putIfAbsent(name, device) != null) {
            throw new IllegalArgumentException("disk exists: " + name);
        }
        byPath.put(DISK_PREFIX + name, device);
    }

    BlockDevice disk(String name) {
        return disks.get(name);
    }

    /** Adds a mapped device; false (nothing changed) when the name is taken. Control lock held. */
    boolean addMapped(MappedDevice md) {
        if (devices.putIfAbsent(md.name(), md) != null) {
            return false;
        }
        byPath.put(MAPPER_PREFIX + md.name(), md);
        return true;
    }

    /** Forgets a mapped device. Control lock held. */
    void removeMapped(MappedDevice md) {
        devices.remove(md.name());
        byPath.remove(MAPPER_PREFIX + md.name());
        opened.remove(md);
    }

    /** The mapped device {@code name}; ENXIO (dm's "no such device") if none. */
    MappedDevice lookup(String name) throws DmException {
        MappedDevice md = devices.get(name);
        if (md == null) {
            throw new DmException(Errno.ENXIO, name);
        }
        return md;
    }

    /** The mapped device a {@code /dev/mapper/} path names, or null. */
    MappedDevice mappedAt(String path) {
        if (!path.startsWith(MAPPER_PREFIX)) {
            return null;
        }
        return devices.get(path.substring(MAPPER_PREFIX.length()));
    }

    /**
     * dm_get_device for a table of {@code self}: the block device {@code path} names; ENODEV when it
     * names none (Linux 6.1, dm_get_dev_t), EINVAL when a table names its own device.
     */
    BlockDevice open(String path, MappedDevice self) throws DmException {
        if (path.startsWith(DISK_PREFIX)) {
            BlockDevice d = disks.get(path.substring(DISK_PREFIX.length()));
            if (d != null) {
                return d;
            }
        } else {
            MappedDevice md = mappedAt(path);
            if (md != null && md.hasDisk()) {
                if (md == self) {
                    throw new DmException(Errno.EINVAL, "table refers to its own device");
                }
                return opened.computeIfAbsent(md, MappedBlockDevice::new);
            }
        }
        throw new DmException(Errno.ENODEV, path);
    }

    /** The node an I/O to {@code path} reaches: a disk or a mapped device with a node; ENOENT if none. */
    Object ioNode(String path) throws DmException {
        Object node = byPath.get(path);
        if (node == null || node instanceof MappedDevice md && !md.hasDisk()) {
            throw new DmException(Errno.ENOENT, path);
        }
        return node;
    }

    /**
     * Whether a live or inactive table of some device holds {@code md} open as one of its devices
     * (the open count dm_lock_for_deletion checks). Control lock held.
     */
    boolean openByTable(MappedDevice md) {
        for (MappedDevice other : devices.values()) {
            for (Table t : new Table[] {other.live(), other.inactive()}) {
                if (t != null && t.target() != null && uses(t.target(), md)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a mapped device that a table (live or inactive) of {@code md} uses is suspended, or
     * stacks on one (sysfs {@code slaves}, recursively). Control lock held.
     */
    boolean stacksOnSuspended(MappedDevice md) {
        return stacksOnSuspended(md, new java.util.HashSet<>());
    }

    private boolean stacksOnSuspended(MappedDevice md, java.util.Set<MappedDevice> seen) {
        for (Table t : new Table[] {md.live(), md.inactive()}) {
            if (t == null || t.target() == null) {
                continue;
            }
            for (DeviceArea a : t.target().devices()) {
                if (a.device() instanceof MappedBlockDevice m && seen.add(m.md())
                        && (m.md().isSuspended() || stacksOnSuspended(m.md(), seen))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean uses(Target ti, MappedDevice md) {
        for (DeviceArea a : ti.devices()) {
            if (a.device() instanceof MappedBlockDevice m && m.md() == md) {
                return true;
            }
        }
        return false;
    }

    /** The mapped devices in name order. */
    List<MappedDevice> sortedDevices() {
        List<MappedDevice> sorted = new ArrayList<>(devices.values());
        sorted.sort(BY_NAME);
        return sorted;
    }

    List<String> deviceNames() {
        return List.copyOf(devices.keySet());
    }
}
