package dev.snapref.model;

import dev.snapref.scenario.Errno;
import java.util.List;

/**
 * dm core's ioctls as dmsetup drives them (dm-ioctl.c / dm.c / dm-table.c, Linux 6.1): create,
 * load, suspend, resume (do_resume), remove, and the status / table / info queries. Methods
 * return null for success or the errno of the failure.
 */
final class DmCore {
    private DmCore() {
    }

    /** {@code dmsetup create NAME --notable}. */
    static Errno createEmpty(World w, String name) {
        if (w.devices.containsKey(name)) {
            return Errno.EBUSY;
        }
        w.devices.put(name, new Device(name, false, false, false, null, null));
        return null;
    }

    /** {@code dmsetup create NAME --table}: create, load, resume; any failure removes the device again. */
    static Errno create(World w, String name, String table) {
        Errno e = createEmpty(w, name);
        if (e != null) {
            return e;
        }
        e = load(w, name, table);
        if (e == null) {
            e = resume(w, name);
        }
        if (e != null) {
            remove(w, name);
        }
        return e;
    }

    /**
     * table_load: construct the new table; on the device's first constructed table set up its
     * queue (device areas checked now, "Cannot calculate initial queue limits"); then destroy a
     * previous inactive table.
     */
    static Errno load(World w, String name, String text) {
        Device d = w.devices.get(name);
        if (d == null) {
            return Errno.ENXIO;
        }
        TableConstructor.Built b = TableConstructor.build(w, name, text);
        if (b.error() != null) {
            assert !w.newTables().containsKey(name) : "a failed load leaves nothing";
            return b.error();
        }
        if (!d.typed()) {
            Errno e = checkAreas(w, name, b.table());
            if (e == null) {
                // the type sticks only when the queue was set up: a failed first load leaves the
                // device untyped, so the next load checks again (kernel run: goldens/first-load-fails-twice)
                w.devices.put(name, d.withTyped());
            } else {
                w.kmsg.add("core: Cannot calculate initial queue limits");
                w.kmsg.add("ioctl: unable to set up device queue for new table.");
                destroyTable(w, new SnapRef(name, Slot.NEW));
                w.newTables().remove(name);
                return e;
            }
        }
        if (d.inactive() != null) {
            destroyTable(w, new SnapRef(name, Slot.INACTIVE));
        }
        Table t = w.newTables().remove(name);
        w.rename(new SnapRef(name, Slot.NEW), new SnapRef(name, Slot.INACTIVE));
        w.devices.put(name, w.devices.get(name).withInactive(t));
        return null;
    }

    /** do_suspend: suspend unless already suspended (no observable hooks in the model). */
    static Errno suspend(World w, String name) {
        Device d = w.devices.get(name);
        if (d == null) {
            return Errno.ENXIO;
        }
        w.devices.put(name, d.withSuspended(true));
        return null;
    }

    /**
     * do_resume: with an inactive table, suspend if needed, check device areas, swap it live;
     * then if suspended: preresume (failure leaves the device suspended with the new table live)
     * and resume; finally destroy the old live table.
     */
    static Errno resume(World w, String name) {
        Device d = w.devices.get(name);
        if (d == null) {
            return Errno.ENXIO;
        }
        boolean swapped = false;
        if (d.inactive() != null) {
            w.devices.put(name, d.withSuspended(true));
            Errno e = checkAreas(w, name, d.inactive());
            if (e != null) {
                destroyTable(w, new SnapRef(name, Slot.INACTIVE));
                w.devices.put(name, w.devices.get(name).withInactive(null));
                return e;
            }
            swap(w, name);
            swapped = true;
        }
        Errno r = null;
        if (w.devices.get(name).suspended()) {
            r = resumeLive(w, name);
        }
        if (swapped && w.detached().containsKey(name)) {
            destroyTable(w, new SnapRef(name, Slot.DETACHED));
            w.detached().remove(name);
        }
        return r;
    }

    private static void swap(World w, String name) {
        Device d = w.devices.get(name);
        if (d.live() != null) {
            w.detached().put(name, d.live());
            w.rename(new SnapRef(name, Slot.LIVE), new SnapRef(name, Slot.DETACHED));
        }
        w.rename(new SnapRef(name, Slot.INACTIVE), new SnapRef(name, Slot.LIVE));
        w.devices.put(name, new Device(name, true, true, true, d.inactive(), null));
    }

    /** dm_resume of a suspended device: preresume then resume hooks, then clear the suspended flag. */
    private static Errno resumeLive(World w, String name) {
        Table live = w.devices.get(name).live();
        if (live == null) {
            return Errno.EINVAL;
        }
        SnapRef ref = new SnapRef(name, Slot.LIVE);
        if (live.target() instanceof SnapshotTarget s) {
            Errno e = SnapshotHooks.preresume(w, ref);
            if (e != null) {
                w.kmsg.add(Kmsg.preresumeFailed(name, s.typeName(), e));
                return e;
            }
            SnapshotHooks.resume(w, ref, live.length());
            if (s.merge()) {
                Merge.resume(w, ref);
            }
        } else if (live.target() instanceof OriginTarget) {
            SnapshotHooks.resumeOrigin(w, ref);
        }
        w.devices.put(name, w.devices.get(name).withSuspended(false));
        return null;
    }

    /**
     * device_area_is_invalid for each device area of the table (dm_calculate_queue_limits): an
     * area must lie inside its device, unless the device has size 0 (not checked).
     */
    private static Errno checkAreas(World w, String name, Table t) {
        for (long[] area : areas(w, t)) {
            String key = Volumes.devicesOf(t.target()).get((int) area[0]);
            long size = Volumes.size(w, key);
            if (size != 0 && (area[1] >= size || area[1] + area[2] > size)) {
                w.kmsg.add(Kmsg.tooSmall(name, key, area[1], area[2], size));
                return Errno.EINVAL;
            }
        }
        return null;
    }

    /** iterate_devices: {device index, start, length} for each device of the target. */
    private static List<long[]> areas(World w, Table t) {
        if (t.target() instanceof LinearTarget lt) {
            return List.of(new long[] {0, lt.offset(), t.length()});
        }
        if (t.target() instanceof OriginTarget) {
            return List.of(new long[] {0, 0, t.length()});
        }
        SnapshotTarget s = (SnapshotTarget) t.target();
        return List.of(new long[] {0, 0, t.length()}, new long[] {1, 0, Volumes.size(w, s.cowDisk())});
    }

    /**
     * dev_remove: EBUSY while a table (live or inactive) of another device holds it open
     * (dm_lock_for_deletion); else destroy the inactive table, then the live one; the device goes away.
     */
    static Errno remove(World w, String name) {
        Device d = w.devices.get(name);
        if (d == null) {
            return Errno.ENXIO;
        }
        if (Volumes.inUse(w, w.devices.values(), name)) {
            return Errno.EBUSY;
        }
        if (d.inactive() != null) {
            destroyTable(w, new SnapRef(name, Slot.INACTIVE));
        }
        if (d.live() != null) {
            destroyTable(w, new SnapRef(name, Slot.LIVE));
        }
        w.devices.remove(name);
        return null;
    }

    /** A table's destructor (snapshot_dtr; origin_dtr has no observable effect). */
    private static void destroyTable(World w, SnapRef ref) {
        if (w.table(ref).target() instanceof SnapshotTarget) {
            SnapshotHooks.destroy(w, ref);
        }
    }

    /** {@code dmsetup info}: State and Tables present. */
    static Errno info(World w, String name) {
        Device d = w.devices.get(name);
        if (d == null) {
            return Errno.ENXIO;
        }
        w.out.add("State: " + (d.suspended() ? "SUSPENDED" : "ACTIVE"));
        String tables = d.live() != null && d.inactive() != null ? "LIVE & INACTIVE"
                : d.live() != null ? "LIVE" : d.inactive() != null ? "INACTIVE" : "None";
        w.out.add("Tables present: " + tables);
        return null;
    }

    /** {@code dmsetup status|table [--inactive]}: one line, or none without such a table. */
    static Errno describe(World w, String name, boolean inactive, boolean tableLine) {
        Device d = w.devices.get(name);
        if (d == null) {
            return Errno.ENXIO;
        }
        Table t = inactive ? d.inactive() : d.live();
        if (t != null) {
            String params = tableLine ? TableLines.table(t) : TableLines.status(w, t);
            String line = "0 " + t.length() + " " + t.target().typeName() + " " + params;
            w.out.add(line.stripTrailing());
        }
        return null;
    }
}
