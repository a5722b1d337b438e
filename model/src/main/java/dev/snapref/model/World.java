package dev.snapref.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Comparator;
import java.util.TreeSet;

/**
 * The mutable working copy of a {@link ModelState} used inside one step, with the step's
 * output and kernel messages. Never escapes {@link Model#step}: the step freezes it into a new
 * immutable state. Tables in the transient slots NEW and DETACHED live here only.
 */
final class World {
    final Map<String, Disk> disks = new HashMap<>();
    final Map<String, Device> devices = new HashMap<>();
    final Map<String, List<SnapRef>> origins = new HashMap<>();
    private final ModelState base;
    final Map<String, Table> newTables = new HashMap<>();
    final Map<String, Table> detached = new HashMap<>();
    final List<String> out = new ArrayList<>();
    final List<String> kmsg = new ArrayList<>();

    World(ModelState s) {
        this.base = s;
        for (Disk d : s.disks()) {
            disks.put(d.name(), d);
        }
        for (Device d : s.devices()) {
            devices.put(d.name(), d);
        }
        for (OriginLink o : s.origins()) {
            origins.put(o.originDisk(), new ArrayList<>(o.snapshots()));
        }
    }

    /** The new state; the base state itself when nothing changed. */
    ModelState freeze() {
        assert newTables.isEmpty() && detached.isEmpty() : "transient slots are empty between steps";
        if (unchanged()) {
            return base;
        }
        List<OriginLink> links = new ArrayList<>();
        for (String o : new TreeSet<>(origins.keySet())) {
            links.add(new OriginLink(o, origins.get(o)));
        }
        List<Disk> d = new ArrayList<>(disks.values());
        d.sort(Comparator.comparing(Disk::name));
        List<Device> v = new ArrayList<>(devices.values());
        v.sort(Comparator.comparing(Device::name));
        return new ModelState(d, v, links);
    }

    private boolean unchanged() {
        if (disks.size() != base.disks().size() || devices.size() != base.devices().size()
                || origins.size() != base.origins().size()) {
            return false;
        }
        for (Disk d : base.disks()) {
            if (disks.get(d.name()) != d) {
                return false;
            }
        }
        for (Device d : base.devices()) {
            if (devices.get(d.name()) != d) {
                return false;
            }
        }
        for (OriginLink o : base.origins()) {
            if (!o.snapshots().equals(origins.get(o.originDisk()))) {
                return false;
            }
        }
        return true;
    }

    Disk disk(String name) {
        Disk d = disks.get(name);
        assert d != null : "disk " + name;
        return d;
    }

    void putDisk(Disk d) {
        disks.put(d.name(), d);
    }

    Table table(SnapRef r) {
        return switch (r.slot()) {
            case LIVE -> devices.get(r.device()).live();
            case INACTIVE -> devices.get(r.device()).inactive();
            case NEW -> newTables.get(r.device());
            case DETACHED -> detached.get(r.device());
        };
    }

    void setTable(SnapRef r, Table t) {
        switch (r.slot()) {
            case LIVE -> devices.put(r.device(), devices.get(r.device()).withLive(t));
            case INACTIVE -> devices.put(r.device(), devices.get(r.device()).withInactive(t));
            case NEW -> newTables.put(r.device(), t);
            case DETACHED -> detached.put(r.device(), t);
            default -> throw new AssertionError(r);
        }
    }

    SnapshotTarget snap(SnapRef r) {
        return (SnapshotTarget) table(r).target();
    }

    void setSnap(SnapRef r, SnapshotTarget s) {
        setTable(r, table(r).withTarget(s));
    }

    /** The snapshot list of an origin disk (a live, mutable list; empty and detached when none). */
    List<SnapRef> snapshotsOf(String originDisk) {
        return origins.getOrDefault(originDisk, new ArrayList<>());
    }

    /** Renames a reference in the origin lists (a table moving between slots). */
    void rename(SnapRef from, SnapRef to) {
        for (List<SnapRef> l : origins.values()) {
            int i = l.indexOf(from);
            if (i >= 0) {
                l.set(i, to);
            }
        }
    }

    /** Whether the device is suspended (dm_suspended of a target's table). */
    boolean suspended(SnapRef r) {
        return devices.get(r.device()).suspended();
    }
}
