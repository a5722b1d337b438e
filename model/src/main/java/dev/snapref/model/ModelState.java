package dev.snapref.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole state of the model: disks, mapped devices (with their tables and targets) and
 * dm-snapshot's origin records. Immutable; value equality with a hash cached on first use, and a
 * 64-bit {@link StateFingerprint} for the explorer's visited set. Lists are sorted by name, so equal worlds are equal values.
 */
public final class ModelState implements VolumeLookup {
    private static final ModelState INITIAL = new ModelState(List.of(), List.of(), List.of());

    private final List<Disk> disks;
    private final List<Device> devices;
    private final List<OriginLink> origins;
    /** {@link #hashCode()}, 0 until first asked (the explorer compares fingerprints, not hashes). */
    private int hash;

    ModelState(List<Disk> disks, List<Device> devices, List<OriginLink> origins) {
        this.disks = List.copyOf(disks);
        this.devices = List.copyOf(devices);
        this.origins = List.copyOf(origins);
        assert sortedByName() : "lists sorted by name";
    }

    /** No disks, no devices. */
    public static ModelState initial() {
        return INITIAL;
    }

    public List<Disk> disks() {
        return disks;
    }

    public List<Device> devices() {
        return devices;
    }

    public List<OriginLink> origins() {
        return origins;
    }

    public Disk disk(String name) {
        List<Disk> ds = disks;
        for (int i = 0; i < ds.size(); i++) {
            Disk d = ds.get(i);
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    public Device device(String name) {
        List<Device> vs = devices;
        for (int i = 0; i < vs.size(); i++) {
            Device d = vs.get(i);
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    @Override
    public Disk lookupDisk(String name) {
        return disk(name);
    }

    @Override
    public Device lookupDevice(String name) {
        return device(name);
    }

    /** The snapshot list of an origin disk (empty when it has no origin record). */
    public List<SnapRef> snapshotsOf(String originDisk) {
        List<OriginLink> os = origins;
        for (int i = 0; i < os.size(); i++) {
            OriginLink o = os.get(i);
            if (o.originDisk().equals(originDisk)) {
                return o.snapshots();
            }
        }
        return List.of();
    }

    /** The table a reference points at (LIVE or INACTIVE), or null. */
    public Table table(SnapRef r) {
        Device d = device(r.device());
        if (d == null) {
            return null;
        }
        return r.slot() == Slot.LIVE ? d.live() : r.slot() == Slot.INACTIVE ? d.inactive() : null;
    }

    /** The snapshot target a reference points at, or null. */
    public SnapshotTarget snapshot(SnapRef r) {
        Table t = table(r);
        return t != null && t.target() instanceof SnapshotTarget s ? s : null;
    }

    /** Every snapshot target in a LIVE or INACTIVE slot, with its reference (device order, LIVE first). */
    public Map<SnapRef, SnapshotTarget> allSnapshots() {
        Map<SnapRef, SnapshotTarget> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<SnapRef, SnapshotTarget> e : snapshotEntries()) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** {@link #allSnapshots()} as a list of entries (cheaper: what the invariants iterate). */
    List<Map.Entry<SnapRef, SnapshotTarget>> snapshotEntries() {
        List<Map.Entry<SnapRef, SnapshotTarget>> out = new ArrayList<>(devices.size());
        List<Device> vs = devices;
        for (int i = 0; i < vs.size(); i++) {
            Device d = vs.get(i);
            if (d.live() != null && d.live().target() instanceof SnapshotTarget s) {
                out.add(Map.entry(new SnapRef(d.name(), Slot.LIVE), s));
            }
            if (d.inactive() != null && d.inactive().target() instanceof SnapshotTarget s) {
                out.add(Map.entry(new SnapRef(d.name(), Slot.INACTIVE), s));
            }
        }
        return out;
    }

    /**
     * The abstraction function: this state's {@link WorldAbstraction}, what the conformance
     * refinement check compares with an implementation's after every step.
     */
    public WorldAbstraction abstraction() {
        java.util.TreeMap<String, DeviceAbstraction> out = new java.util.TreeMap<>();
        List<Device> vs = devices;
        for (int i = 0; i < vs.size(); i++) {
            Device d = vs.get(i);
            out.put(d.name(), DeviceAbstraction.of(d));
        }
        return new WorldAbstraction(out);
    }

    private boolean sortedByName() {
        for (int i = 1; i < disks.size(); i++) {
            if (disks.get(i - 1).name().compareTo(disks.get(i).name()) >= 0) {
                return false;
            }
        }
        for (int i = 1; i < devices.size(); i++) {
            if (devices.get(i - 1).name().compareTo(devices.get(i).name()) >= 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof ModelState s && s.hashCode() == hashCode() && s.devices.equals(devices)
                && s.disks.equals(disks) && s.origins.equals(origins));
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = (disks.hashCode() * 31 + devices.hashCode()) * 31 + origins.hashCode();
            h = h == 0 ? 1 : h;
            hash = h; // idempotent: a race only computes it twice
        }
        return h;
    }

    @Override
    public String toString() {
        return "ModelState{disks=" + disks + ", devices=" + devices + ", origins=" + origins + "}";
    }
}
