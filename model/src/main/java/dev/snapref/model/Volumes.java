package dev.snapref.model;

import dev.snapref.scenario.DevicePath;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Volume keys and what the stack of mapped devices makes of them. A table names a block device
 * by a <em>volume key</em>: a disk by its name ({@code origin} for {@code /dev/disk/origin}), a
 * mapped device by its path ({@code /dev/mapper/vg-o-real}). The bdev identity of the kernel is
 * the key's identity: a mapped device a table holds open cannot be removed (EBUSY), so its name
 * cannot be reused while the key is in a table.
 *
 * <p>A mapped device's content is a function of the disks under it: {@link #image} computes it
 * through the live tables (linear: the lower device from the offset; origin: the lower device;
 * snapshot: origin overlaid with its exceptions' cow chunks; snapshot-merge: the same while valid,
 * else the origin). {@link #footprint} says which disk sectors a volume's data may live in, for
 * the "written behind dm-snapshot's back" bookkeeping. {@link #blocked} is the runners' blocked
 * rule: I/O to a mapped device is not issued while it, or a mapped device any of its tables uses
 * (recursively: sysfs {@code slaves}), is suspended.
 *
 * <p>Limits: a stack deeper than {@link #MAX_DEPTH} (only a cycle of tables gets there) raises a
 * {@link ModelLimitation}.
 */
final class Volumes {
    static final String MAPPER = "/dev/mapper/";
    static final String DISK = "/dev/disk/";
    /** Deeper stacks than this are cycles: the kernel would recurse forever. */
    static final int MAX_DEPTH = 16;

    private Volumes() {
    }

    /** Whether {@code key} names a mapped device. */
    static boolean mapped(String key) {
        return key.startsWith(MAPPER);
    }

    /** The mapped device name of a mapped key. */
    static String deviceName(String key) {
        assert mapped(key) : key;
        return key.substring(MAPPER.length());
    }

    /** The key of a script path. */
    static String key(DevicePath p) {
        return p.kind() == DevicePath.Kind.DISK ? p.name() : p.path();
    }

    /** The key of mapped device {@code name}. */
    static String mapperKey(String name) {
        return MAPPER + name;
    }

    /** The path a table or status line shows for {@code key}. */
    static String path(String key) {
        return mapped(key) ? key : DISK + key;
    }

    /** How kernel messages name {@code key}: a disk by its path, a mapped device by its name. */
    static String logName(String key) {
        return mapped(key) ? deviceName(key) : DISK + key;
    }

    /** Size in sectors: a disk's, or a mapped device's (its live table's length; 0 without one). */
    static long size(VolumeLookup l, String key) {
        if (!mapped(key)) {
            return l.lookupDisk(key).sectors();
        }
        Device d = l.lookupDevice(deviceName(key));
        return d == null ? 0 : d.size();
    }

    /** The live table of mapped key {@code key}, or null. */
    static Table live(VolumeLookup l, String key) {
        Device d = l.lookupDevice(deviceName(key));
        return d == null ? null : d.live();
    }

    /** The content of {@code key} as a disk of its size (a disk itself; a mapped device computed through its stack). */
    static Disk image(VolumeLookup l, String key) {
        return image(l, key, 0);
    }

    private static Disk image(VolumeLookup l, String key, int depth) {
        if (!mapped(key)) {
            return l.lookupDisk(key);
        }
        depthCheck(depth, key);
        Table t = live(l, key);
        if (t == null) {
            return Disk.zeroed(key, 0);
        }
        Disk out = Disk.zeroed(key, t.length());
        if (t.target() instanceof LinearTarget lt) {
            Disk lower = image(l, lt.device(), depth + 1);
            return out.copyFrom(lower, lt.offset(), 0, Math.max(0, Math.min(t.length(), lower.sectors() - lt.offset())));
        }
        if (t.target() instanceof OriginTarget o) {
            Disk lower = image(l, o.originDisk(), depth + 1);
            return out.copyFrom(lower, 0, 0, Math.min(t.length(), lower.sectors()));
        }
        SnapshotTarget s = (SnapshotTarget) t.target();
        if (s.merge() && !s.valid()) {
            Disk origin = image(l, s.originDisk(), depth + 1);
            return out.copyFrom(origin, 0, 0, Math.min(t.length(), origin.sectors()));
        }
        return SnapshotView.of(s, t.length(), k -> image(l, k, depth + 1)).renamed(key);
    }

    /**
     * The disk sectors {@code [start, start+count)} of {@code key} may live in: a disk's own
     * sectors; through linear and origin tables the lower device's; through a snapshot (or merge)
     * the origin's and the whole cow. Empty for a device without a live table.
     */
    static List<DiskRange> footprint(VolumeLookup l, String key, long start, long count) {
        List<DiskRange> out = new ArrayList<>(2);
        footprint(l, key, start, count, out, 0);
        return out;
    }

    private static void footprint(VolumeLookup l, String key, long start, long count, List<DiskRange> out, int depth) {
        if (count <= 0) {
            return;
        }
        if (!mapped(key)) {
            long end = Math.min(l.lookupDisk(key).sectors(), start + count);
            if (end > start) {
                out.add(new DiskRange(key, start, end));
            }
            return;
        }
        depthCheck(depth, key);
        Table t = live(l, key);
        if (t == null) {
            return;
        }
        long n = Math.min(count, t.length() - start);
        if (t.target() instanceof LinearTarget lt) {
            footprint(l, lt.device(), lt.offset() + start, n, out, depth + 1);
        } else if (t.target() instanceof OriginTarget o) {
            footprint(l, o.originDisk(), start, n, out, depth + 1);
        } else {
            SnapshotTarget s = (SnapshotTarget) t.target();
            footprint(l, s.originDisk(), start, n, out, depth + 1);
            footprint(l, s.cowDisk(), 0, size(l, s.cowDisk()), out, depth + 1);
        }
    }

    /** The whole footprint of {@code key}. */
    static List<DiskRange> footprint(VolumeLookup l, String key) {
        return footprint(l, key, 0, size(l, key));
    }

    /** Whether any disk under {@code key} was written behind dm-snapshot's back. */
    static boolean tainted(VolumeLookup l, String key) {
        for (DiskRange r : footprint(l, key)) {
            if (l.lookupDisk(r.disk()).tainted()) {
                return true;
            }
        }
        return false;
    }

    /** Whether the two lists share a sector. */
    static boolean overlap(List<DiskRange> a, List<DiskRange> b) {
        for (DiskRange x : a) {
            for (DiskRange y : b) {
                if (x.overlaps(y)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The keys a target names (the devices its table holds open). */
    static List<String> devicesOf(Target t) {
        if (t instanceof LinearTarget lt) {
            return List.of(lt.device());
        }
        if (t instanceof OriginTarget o) {
            return List.of(o.originDisk());
        }
        SnapshotTarget s = (SnapshotTarget) t;
        return List.of(s.originDisk(), s.cowDisk());
    }

    /** The names of the mapped devices the tables (live and inactive) of device {@code name} use, recursively. */
    static Set<String> below(VolumeLookup l, String name) {
        Set<String> out = new LinkedHashSet<>();
        below(l, name, out, 0);
        return out;
    }

    private static void below(VolumeLookup l, String name, Set<String> out, int depth) {
        Device d = l.lookupDevice(name);
        if (d == null) {
            return;
        }
        depthCheck(depth, name);
        for (Table t : new Table[] {d.live(), d.inactive()}) {
            if (t == null) {
                continue;
            }
            for (String k : devicesOf(t.target())) {
                if (mapped(k) && out.add(deviceName(k))) {
                    below(l, deviceName(k), out, depth + 1);
                }
            }
        }
    }

    /** The runners' blocked rule: device {@code name} or a mapped device under it is suspended. */
    static boolean blocked(VolumeLookup l, String name) {
        Device d = l.lookupDevice(name);
        if (d == null) {
            return false;
        }
        if (d.suspended()) {
            return true;
        }
        for (String b : below(l, name)) {
            Device x = l.lookupDevice(b);
            if (x != null && x.suspended()) {
                return true;
            }
        }
        return false;
    }

    /** Whether any live or inactive table of a device other than {@code name} holds mapped device {@code name} open. */
    static boolean inUse(VolumeLookup l, Iterable<Device> devices, String name) {
        String key = mapperKey(name);
        for (Device d : devices) {
            for (Table t : new Table[] {d.live(), d.inactive()}) {
                if (t != null && !d.name().equals(name) && devicesOf(t.target()).contains(key)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void depthCheck(int depth, String key) {
        if (depth > MAX_DEPTH) {
            throw new ModelLimitation("the stack of mapped devices under " + key + " is a cycle");
        }
    }
}
