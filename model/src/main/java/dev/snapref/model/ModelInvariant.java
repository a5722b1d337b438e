package dev.snapref.model;

import dev.snapref.scenario.DevicePath;
import dev.snapref.scenario.Errno;
import dev.snapref.scenario.Outcome;
import dev.snapref.scenario.ReadCommand;
import dev.snapref.scenario.WriteCommand;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model's invariants. Each is stated over one {@link ModelState}; history they need is kept
 * in ghost fields of the state ({@link Store#ghost()}, {@link Store#handedOver()},
 * {@link Disk#tainted()}, {@link Disk#cowWritten()}). See proofs-notes/ID.md for each.
 */
public enum ModelInvariant implements Invariant {
    PAIR_1("INV-PAIR-1", "At most two snapshots of one origin share a cow.") {
        @Override
        public Optional<String> check(ModelState s) {
            for (OriginLink o : s.origins()) {
                List<SnapRef> l = o.snapshots();
                for (int i = 0; i < l.size(); i++) {
                    SnapshotTarget t = s.snapshot(l.get(i));
                    int sharing = 0;
                    for (int j = 0; t != null && j < l.size(); j++) {
                        SnapshotTarget u = s.snapshot(l.get(j));
                        sharing += u != null && u.cowDisk().equals(t.cowDisk()) ? 1 : 0;
                    }
                    if (sharing > 2) {
                        return Optional.of("more than two snapshots of " + o.originDisk() + " on cow " + t.cowDisk());
                    }
                }
            }
            return Optional.empty();
        }
    },
    PAIR_2("INV-PAIR-2", "No two never-resumed snapshots of one origin share a cow.") {
        @Override
        public Optional<String> check(ModelState s) {
            return pairs(s, (a, b) -> !a.active() && !b.active(), "two inactive snapshots share cow ");
        }
    },
    PAIR_3("INV-PAIR-3", "At most one valid active snapshot of an origin uses a cow (one writer per cow).") {
        @Override
        public Optional<String> check(ModelState s) {
            return pairs(s, (a, b) -> a.active() && a.valid() && b.active() && b.valid(),
                    "two valid active snapshots write cow ");
        }
    },
    HO_1("INV-HO-1", "A pending handover destination has chunk size 0 and has read no metadata.") {
        @Override
        public Optional<String> check(ModelState s) {
            for (Map.Entry<SnapRef, SnapshotTarget> e : s.snapshotEntries()) {
                SnapshotTarget t = e.getValue();
                if (!t.active() && hasActivePartner(s, e.getKey(), t)
                        && (t.store().chunkSize() != 0 || t.store().initialised())) {
                    return Optional.of(e.getKey() + " pending destination has chunk size "
                            + t.store().chunkSize() + (t.store().initialised() ? " and read metadata" : ""));
                }
            }
            return Optional.empty();
        }
    },
    HO_2("INV-HO-2", "An active snapshot holding a never-initialised store (a handed-over source, a cancelled "
            + "destination) is invalid.") {
        @Override
        public Optional<String> check(ModelState s) {
            for (Map.Entry<SnapRef, SnapshotTarget> e : s.snapshotEntries()) {
                SnapshotTarget t = e.getValue();
                if (t.active() && !t.store().initialised() && t.valid()) {
                    return Optional.of(e.getKey() + " is valid without an initialised store");
                }
            }
            return Optional.empty();
        }
    },
    HO_3("INV-HO-3", "Handover keeps every exception: the store a destination took over maps every chunk the "
            + "source mapped, to the same cow chunk.") {
        @Override
        public Optional<String> check(ModelState s) {
            for (Map.Entry<SnapRef, SnapshotTarget> e : s.snapshotEntries()) {
                ExceptionTable before = e.getValue().store().handedOver();
                ExceptionTable now = e.getValue().store().exceptions();
                for (int i = 0; before != null && i < before.size(); i++) {
                    if (now.lookup(before.oldChunk(i)) != before.newChunk(i)) {
                        return Optional.of(e.getKey() + " lost or moved the exception of chunk " + before.oldChunk(i));
                    }
                }
            }
            return Optional.empty();
        }
    },
    HO_4("INV-HO-4", "A destination whose source was destroyed before the handover is invalid.") {
        @Override
        public Optional<String> check(ModelState s) {
            for (Map.Entry<SnapRef, SnapshotTarget> e : s.snapshotEntries()) {
                SnapshotTarget t = e.getValue();
                if (!t.active() && !t.store().initialised() && t.valid() && !hasActivePartner(s, e.getKey(), t)) {
                    return Optional.of(e.getKey() + " lost its source but is still valid");
                }
            }
            return Optional.empty();
        }
    },
    DATA_1("INV-DATA-1", "A valid active snapshot reads the origin's content at its activation, except where the "
            + "snapshot itself was written (unless the disks were written behind dm's back, the stale "
            + "split boundary quirk hit it, or a merge copied a chunk that was no exception's).") {
        @Override
        public Optional<String> check(ModelState s) {
            for (Device d : s.devices()) {
                Optional<String> v = viewDiffers(s, d);
                if (v.isPresent()) {
                    return v;
                }
            }
            return Optional.empty();
        }
    },
    DATA_2("INV-DATA-2", "Snapshot writes and exception copies never change an origin disk.") {
        @Override
        public Optional<String> check(ModelState s) {
            for (Device d : s.devices()) {
                for (Table t : new Table[] {d.live(), d.inactive()}) {
                    String origin = t == null ? null : t.target() instanceof SnapshotTarget x ? x.originDisk()
                            : t.target() instanceof OriginTarget o ? o.originDisk() : null;
                    for (DiskRange r : origin == null ? List.<DiskRange>of() : Volumes.footprint(s, origin)) {
                        Disk disk = s.disk(r.disk());
                        if (!disk.tainted() && disk.cowWritten()) {
                            return Optional.of("origin disk " + disk.name() + " was written by an exception store");
                        }
                    }
                }
            }
            return Optional.empty();
        }
    },
    COW_1("INV-COW-1", "No cow chunk is mapped twice, none overlaps a metadata chunk, every one was allocated "
            + "(below next_free, unless a merge copied a chunk that was no exception's) "
            + "and lies inside the cow.") {
        @Override
        public Optional<String> check(ModelState s) {
            Map<String, Map<Long, SnapRef>> used = null;
            for (Map.Entry<SnapRef, SnapshotTarget> e : s.snapshotEntries()) {
                SnapshotTarget t = e.getValue();
                Store st = t.store();
                if (!st.initialised() || Volumes.tainted(s, t.cowDisk()) || st.exceptions().size() == 0) {
                    continue;
                }
                long cowSectors = Volumes.size(s, t.cowDisk());
                used = used == null ? new HashMap<>() : used;
                Map<Long, SnapRef> mine = used.computeIfAbsent(t.cowDisk(), k -> new HashMap<>());
                for (int i = 0; i < st.exceptions().size(); i++) {
                    long c = st.exceptions().newChunk(i);
                    long allocatedEnd = st.type() == StoreType.PERSISTENT ? st.nextFree() : st.nextFree() / st.chunkSize();
                    SnapRef other = mine.put(c, e.getKey());
                    if (other != null) {
                        return Optional.of("cow chunk " + c + " of " + t.cowDisk() + " mapped by " + other + " and " + e.getKey());
                    }
                    // next_free is off once a merge took an entry that was no exception (Store#ghostVoid)
                    boolean unallocated = c >= allocatedEnd && !st.ghostVoid();
                    if (st.isMetadataChunk(c) || unallocated || (c + 1) * st.chunkSize() > cowSectors) {
                        return Optional.of(e.getKey() + " maps chunk " + st.exceptions().oldChunk(i) + " to cow chunk " + c
                                + " (metadata, unallocated or outside the cow)");
                    }
                }
            }
            return Optional.empty();
        }
    },
    COW_2("INV-COW-2", "Store accounting is exact: a valid store has allocated exactly its exceptions' chunks, in "
            + "layout order (persistent: the n-th data chunk after header and areas; transient: n chunks); "
            + "not after a failed merge step, which leaves the counters as the failure found them.") {
        @Override
        public Optional<String> check(ModelState s) {
            for (Map.Entry<SnapRef, SnapshotTarget> e : s.snapshotEntries()) {
                SnapshotTarget t = e.getValue();
                Store st = t.store();
                // persistent_prepare_merge steps current_area back before it reads the previous
                // area; a failed read leaves it there with nothing committed (merge failed, store
                // still valid, never allocating again: merging snapshots take no new exceptions)
                if (!t.valid() || !st.initialised() || Volumes.tainted(s, t.cowDisk()) || t.mergeFailed()) {
                    continue;
                }
                long n = st.exceptions().size();
                if (st.type() == StoreType.TRANSIENT) {
                    if (st.nextFree() != n * st.chunkSize()) {
                        return Optional.of(e.getKey() + " transient next_free " + st.nextFree() + " for " + n + " exceptions");
                    }
                    continue;
                }
                long e1 = st.exceptionsPerArea();
                long expected = st.areaLocation(n / e1) + 1 + n % e1;
                if (st.nextFree() != expected || st.currentArea() * e1 + st.area().size() != n) {
                    return Optional.of(e.getKey() + " persistent next_free " + st.nextFree() + ", area "
                            + st.currentArea() + "+" + st.area().size() + " for " + n + " exceptions");
                }
            }
            return Optional.empty();
        }
    },
    REG_1("INV-REG-1", "Every snapshot table is registered exactly once on its origin's list and every list "
            + "entry is a snapshot table of that origin.") {
        @Override
        public Optional<String> check(ModelState s) {
            for (OriginLink o : s.origins()) {
                for (SnapRef r : o.snapshots()) {
                    SnapshotTarget t = s.snapshot(r);
                    if (t == null || !t.originDisk().equals(o.originDisk())) {
                        return Optional.of(r + " on the list of " + o.originDisk() + " is not its snapshot");
                    }
                }
            }
            for (Map.Entry<SnapRef, SnapshotTarget> e : s.snapshotEntries()) {
                int times = 0;
                for (OriginLink o : s.origins()) {
                    for (SnapRef r : o.snapshots()) {
                        times += r.equals(e.getKey()) ? 1 : 0;
                    }
                }
                if (times != 1) {
                    return Optional.of(e.getKey() + " is registered " + times + " times");
                }
            }
            return Optional.empty();
        }
    },
    REG_2("INV-REG-2", "A snapshot in an inactive slot has never been resumed.") {
        @Override
        public Optional<String> check(ModelState s) {
            for (Map.Entry<SnapRef, SnapshotTarget> e : s.snapshotEntries()) {
                if (e.getKey().slot() == Slot.INACTIVE && e.getValue().active()) {
                    return Optional.of(e.getKey() + " is inactive but active");
                }
            }
            return Optional.empty();
        }
    },
    DM_1("INV-DM-1", "dm core: a device without a node has no table; a live table of a device that is not "
            + "suspended has been resumed (snapshot active, origin split boundary a power of two).") {
        @Override
        public Optional<String> check(ModelState s) {
            for (Device d : s.devices()) {
                if (!d.node() && (d.live() != null || d.inactive() != null)) {
                    return Optional.of(d.name() + " has a table but no node");
                }
                if (d.suspended() || d.live() == null) {
                    continue;
                }
                if (d.live().target() instanceof SnapshotTarget t && !t.active()) {
                    return Optional.of(d.name() + " runs a live snapshot that was never resumed");
                }
                if (d.live().target() instanceof OriginTarget o && Long.bitCount(o.splitBoundary()) != 1) {
                    return Optional.of(d.name() + " runs an origin with split boundary " + o.splitBoundary());
                }
            }
            return Optional.empty();
        }
    },
    OVF_1("INV-OVF-1", "Overflow only arises from a PO store: a valid overflowed snapshot holds a PO store, "
            + "or a store handed over to it (the handover copies the flag but keeps the destination's PO bit).") {
        @Override
        public Optional<String> check(ModelState s) {
            for (Map.Entry<SnapRef, SnapshotTarget> e : s.snapshotEntries()) {
                Store st = e.getValue().store();
                if (e.getValue().valid() && e.getValue().overflowed() && !st.overflowAware() && st.handedOver() == null) {
                    return Optional.of(e.getKey() + " overflowed without the PO flag");
                }
            }
            return Optional.empty();
        }
    },
    IO_1("INV-IO-1", "Every read and write of a resumed invalid snapshot (e.g. a source after handover) fails "
            + "with EIO and changes nothing.") {
        @Override
        public Optional<String> check(ModelState s) {
            for (Device d : s.devices()) {
                if (d.suspended() || d.live() == null || !(d.live().target() instanceof SnapshotTarget t) || t.valid()
                        || t.merge() || Volumes.blocked(s, d.name())) {
                    continue;
                }
                DevicePath p = DevicePath.mapper(d.name());
                ModelTransition read = Model.step(s, new ReadCommand(p, 0, 1));
                ModelTransition write = Model.step(s, new WriteCommand(p, 0, 1, "IO1"));
                Outcome eio = Outcome.error(Errno.EIO);
                if (!read.step().outcome().equals(eio) || !write.step().outcome().equals(eio) || write.next() != s) {
                    return Optional.of(d.name() + " is invalid but I/O gives " + read.step().outcome().text()
                            + " / " + write.step().outcome().text());
                }
            }
            return Optional.empty();
        }
    };

    private final String id;
    private final String description;

    ModelInvariant(String id, String description) {
        this.id = id;
        this.description = description;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return description;
    }

    /**
     * INV-DATA-1 for one device: its live table, a valid active snapshot (or merge target), shows
     * its ghost image, unless a disk under it was tainted or its ghost is void ({@link
     * Store#ghostVoid}: the split quirk hit it, or a merge copied a chunk that was no exception's,
     * as Linux 6.1 does with an entry a failed merge commit cleared in memory only).
     */
    static Optional<String> viewDiffers(ModelState s, Device d) {
        if (d.live() == null || !(d.live().target() instanceof SnapshotTarget t) || !t.valid() || !t.active()
                || !t.store().initialised()) {
            return Optional.empty();
        }
        Disk ghost = t.store().ghost();
        if (ghost == null) {
            return Optional.of(d.name() + " is valid and active without an image to keep");
        }
        if (t.store().ghostVoid() || Volumes.tainted(s, t.originDisk()) || Volumes.tainted(s, t.cowDisk())) {
            return Optional.empty();
        }
        Disk view = SnapshotView.of(t, d.live().length(), k -> Volumes.image(s, k));
        if (!view.sameContent(ghost)) {
            return Optional.of(d.name() + " shows " + view.extents() + " instead of " + ghost.extents());
        }
        return Optional.empty();
    }

    /** Whether another snapshot of the same origin on the same cow is active. */
    static boolean hasActivePartner(ModelState s, SnapRef self, SnapshotTarget t) {
        for (SnapRef r : s.snapshotsOf(t.originDisk())) {
            SnapshotTarget o = s.snapshot(r);
            if (!r.equals(self) && o != null && o.cowDisk().equals(t.cowDisk()) && o.active()) {
                return true;
            }
        }
        return false;
    }

    private interface PairTest {
        boolean bad(SnapshotTarget a, SnapshotTarget b);
    }

    private static Optional<String> pairs(ModelState s, PairTest test, String message) {
        for (OriginLink o : s.origins()) {
            List<SnapRef> l = o.snapshots();
            for (int i = 0; i < l.size(); i++) {
                for (int j = i + 1; j < l.size(); j++) {
                    SnapshotTarget a = s.snapshot(l.get(i));
                    SnapshotTarget b = s.snapshot(l.get(j));
                    if (a != null && b != null && a.cowDisk().equals(b.cowDisk()) && test.bad(a, b)) {
                        return Optional.of(message + a.cowDisk() + ": " + l.get(i) + ", " + l.get(j));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
