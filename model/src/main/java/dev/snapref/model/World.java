package dev.snapref.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The mutable working copy of a {@link ModelState} used inside one step, with the step's
 * output and kernel messages. Never escapes {@link Model#step}: the step freezes it into a new
 * immutable state. Tables in the transient slots NEW and DETACHED live here only.
 *
 * <p>Cheap to make: the state's few disks, devices and origin records are referenced, not
 * copied (values are immutable); an origin record's list is copied only when a step edits it
 * ({@link #editableSnapshots}). Freezing an untouched world returns the base state itself.
 * Disk requests go through {@link #io} (the plain block layer, or a traced, faulted one).
 */
final class World implements VolumeLookup {
    final NameMap<Disk> disks;
    final NameMap<Device> devices;
    /** Origin disk to its snapshot list: the state's immutable list until edited, then an ArrayList; made on first use. */
    private NameMap<List<SnapRef>> origins;
    private final ModelState base;
    /** Tables in slot NEW (being loaded) and DETACHED (swapped out by a resume); made on first use. */
    private NameMap<Table> newTables;
    private NameMap<Table> detached;
    final List<String> out = new ArrayList<>();
    final List<String> kmsg = new ArrayList<>();
    /** The block layer every disk request of the step goes through. */
    final BlockRequests io;
    /** How the run decides the race of split writes (the reference outcome unless a caller asks). */
    final SplitWriteRace splitWriteRace;

    World(ModelState s) {
        this(s, BlockRequests.untracked(), SplitWriteRace.reference());
    }

    World(ModelState s, BlockRequests io, SplitWriteRace splitWriteRace) {
        this.base = s;
        this.io = io;
        this.splitWriteRace = splitWriteRace;
        this.disks = NameMap.of(s.disks(), Disk::name);
        this.devices = NameMap.of(s.devices(), Device::name);
    }

    /** The origin records (made from the base state on first use). */
    NameMap<List<SnapRef>> origins() {
        if (origins == null) {
            origins = new NameMap<>();
            List<OriginLink> links = base.origins();
            for (int i = 0; i < links.size(); i++) {
                OriginLink o = links.get(i);
                origins.put(o.originDisk(), o.snapshots());
            }
        }
        return origins;
    }

    /** The new state; the base state itself when nothing changed. */
    ModelState freeze() {
        assert (newTables == null || newTables.size() == 0) && (detached == null || detached.size() == 0)
                : "transient slots are empty between steps";
        boolean originsChanged = originsChanged();
        if (!disks.changed() && !devices.changed() && !originsChanged) {
            return base;
        }
        List<OriginLink> links = base.origins();
        if (originsChanged) {
            links = new ArrayList<>(origins.size());
            for (int i = 0; i < origins.size(); i++) {
                links.add(link(origins.key(i), origins.value(i)));
            }
        }
        return new ModelState(disks.changed() ? disks.values() : base.disks(),
                devices.changed() ? devices.values() : base.devices(), links);
    }

    /** Whether the origin records differ from the base state's (by value). */
    private boolean originsChanged() {
        if (origins == null) {
            return false;
        }
        List<OriginLink> was = base.origins();
        if (origins.size() != was.size()) {
            return true;
        }
        for (int i = 0; i < was.size(); i++) {
            OriginLink o = was.get(i);
            if (!origins.key(i).equals(o.originDisk())
                    || (origins.value(i) != o.snapshots() && !origins.value(i).equals(o.snapshots()))) {
                return true;
            }
        }
        return false;
    }

    /** The base state's record when it holds the same list, else a new one. */
    private OriginLink link(String originDisk, List<SnapRef> snapshots) {
        List<OriginLink> links = base.origins();
        for (int i = 0; i < links.size(); i++) {
            OriginLink o = links.get(i);
            if (o.originDisk().equals(originDisk) && o.snapshots().equals(snapshots)) {
                return o;
            }
        }
        return new OriginLink(originDisk, snapshots);
    }

    Disk disk(String name) {
        Disk d = disks.get(name);
        assert d != null : "disk " + name;
        return d;
    }

    @Override
    public Disk lookupDisk(String name) {
        return disks.get(name);
    }

    @Override
    public Device lookupDevice(String name) {
        return devices.get(name);
    }

    void putDisk(Disk d) {
        disks.put(d.name(), d);
    }

    Table table(SnapRef r) {
        return switch (r.slot()) {
            case LIVE -> devices.get(r.device()).live();
            case INACTIVE -> devices.get(r.device()).inactive();
            case NEW -> newTables == null ? null : newTables.get(r.device());
            case DETACHED -> detached == null ? null : detached.get(r.device());
        };
    }

    void setTable(SnapRef r, Table t) {
        switch (r.slot()) {
            case LIVE -> devices.put(r.device(), devices.get(r.device()).withLive(t));
            case INACTIVE -> devices.put(r.device(), devices.get(r.device()).withInactive(t));
            case NEW -> newTables().put(r.device(), t);
            case DETACHED -> detached().put(r.device(), t);
            default -> throw new AssertionError(r);
        }
    }

    NameMap<Table> newTables() {
        if (newTables == null) {
            newTables = new NameMap<>();
        }
        return newTables;
    }

    NameMap<Table> detached() {
        if (detached == null) {
            detached = new NameMap<>();
        }
        return detached;
    }

    SnapshotTarget snap(SnapRef r) {
        return (SnapshotTarget) table(r).target();
    }

    void setSnap(SnapRef r, SnapshotTarget s) {
        setTable(r, table(r).withTarget(s));
    }

    /** The snapshot list of an origin disk (read only; empty when it has no origin record). */
    List<SnapRef> snapshotsOf(String originDisk) {
        if (origins == null) {
            List<OriginLink> links = base.origins();
            for (int i = 0; i < links.size(); i++) {
                OriginLink o = links.get(i);
                if (o.originDisk().equals(originDisk)) {
                    return o.snapshots();
                }
            }
            return List.of();
        }
        List<SnapRef> l = origins.get(originDisk);
        return l == null ? List.of() : l;
    }

    /** The snapshot list of an origin disk for editing (created empty when missing). */
    List<SnapRef> editableSnapshots(String originDisk) {
        NameMap<List<SnapRef>> origins = origins();
        List<SnapRef> l = origins.get(originDisk);
        if (!(l instanceof ArrayList)) {
            l = l == null ? new ArrayList<>(4) : new ArrayList<>(l);
            origins.put(originDisk, l);
        }
        return l;
    }

    /** Renames a reference in the origin lists (a table moving between slots). */
    void rename(SnapRef from, SnapRef to) {
        if (origins == null && !listed(from)) {
            return;
        }
        NameMap<List<SnapRef>> origins = origins();
        for (int i = 0; i < origins.size(); i++) {
            if (origins.value(i).contains(from)) {
                List<SnapRef> l = editableSnapshots(origins.key(i));
                l.set(l.indexOf(from), to);
            }
        }
    }

    /** Whether the base state's origin lists hold {@code ref}. */
    private boolean listed(SnapRef ref) {
        List<OriginLink> links = base.origins();
        for (int i = 0; i < links.size(); i++) {
            if (links.get(i).snapshots().contains(ref)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the device is suspended (dm_suspended of a target's table). */
    boolean suspended(SnapRef r) {
        return devices.get(r.device()).suspended();
    }
}
