package dev.snapref.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model's invariants about {@code snapshot-merge} (see proofs-notes/ID.md for each). Merges
 * finish inside the resume that starts them (the scenario format's rule), so every state a step
 * leaves holds a merge either finished, failed or never started.
 */
public enum MergeInvariant implements Invariant {
    MERGE_1("INV-MERGE-1", "A finished merge leaves the origin holding exactly the merged snapshot's view (unless "
            + "the disks were written behind dm's back or the split quirk hit it).") {
        @Override
        public Optional<String> check(ModelState s) {
            for (Device d : s.devices()) {
                if (d.live() == null || !(d.live().target() instanceof SnapshotTarget t) || !t.merge() || !t.valid()
                        || !t.active() || t.mergeFailed() || t.store().exceptions().size() != 0) {
                    continue;
                }
                Disk ghost = t.store().ghost();
                if (ghost == null || t.store().ghostVoid() || Volumes.tainted(s, t.originDisk())
                        || Volumes.tainted(s, t.cowDisk())) {
                    continue;
                }
                Disk origin = Volumes.image(s, t.originDisk());
                Disk held = Disk.zeroed("view", ghost.sectors()).copyFrom(origin, 0, 0, ghost.sectors());
                if (!held.sameContent(ghost)) {
                    return Optional.of(d.name() + " merged, but the origin holds " + held.extents() + " instead of "
                            + ghost.extents());
                }
            }
            return Optional.empty();
        }
    },
    MERGE_2("INV-MERGE-2", "Merging never changes another valid snapshot's view: every snapshot of an origin with a "
            + "merge target shows its image.") {
        @Override
        public Optional<String> check(ModelState s) {
            for (OriginLink o : s.origins()) {
                if (mergeTargets(s, o).isEmpty()) {
                    continue;
                }
                for (SnapRef r : o.snapshots()) {
                    SnapshotTarget t = s.snapshot(r);
                    if (r.slot() != Slot.LIVE || t == null || t.merge()) {
                        continue;
                    }
                    Optional<String> v = ModelInvariant.viewDiffers(s, s.device(r.device()));
                    if (v.isPresent()) {
                        return Optional.of("while " + o.originDisk() + " merges: " + v.get());
                    }
                }
            }
            return Optional.empty();
        }
    },
    MERGE_3("INV-MERGE-3", "At most one merge target of an origin takes its store by handover (pending or done); "
            + "a second one is refused with \"A snapshot is already merging.\"") {
        @Override
        public Optional<String> check(ModelState s) {
            for (OriginLink o : s.origins()) {
                int handedOver = 0;
                for (SnapRef r : mergeTargets(s, o)) {
                    SnapshotTarget t = s.snapshot(r);
                    boolean pending = !t.active() && ModelInvariant.hasActivePartner(s, r, t);
                    handedOver += pending || t.store().handedOver() != null ? 1 : 0;
                }
                if (handedOver > 1) {
                    return Optional.of(o.originDisk() + " has " + handedOver + " merge targets with handed-over stores");
                }
            }
            return Optional.empty();
        }
    },
    MERGE_4("INV-MERGE-4", "A merge source is invalid after handover: once a merge target took a store, every "
            + "other snapshot of the origin on that cow is invalid.") {
        @Override
        public Optional<String> check(ModelState s) {
            for (Map.Entry<SnapRef, SnapshotTarget> e : s.snapshotEntries()) {
                SnapshotTarget m = e.getValue();
                if (!m.merge() || !m.active() || m.store().handedOver() == null) {
                    continue;
                }
                for (SnapRef r : s.snapshotsOf(m.originDisk())) {
                    SnapshotTarget o = s.snapshot(r);
                    if (!r.equals(e.getKey()) && o != null && o.cowDisk().equals(m.cowDisk()) && o.valid()) {
                        return Optional.of(r + " is still valid after handing its store to merge target " + e.getKey());
                    }
                }
            }
            return Optional.empty();
        }
    };

    private final String id;
    private final String description;

    MergeInvariant(String id, String description) {
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

    /** The merge targets registered on origin record {@code o}. */
    static List<SnapRef> mergeTargets(ModelState s, OriginLink o) {
        List<SnapRef> out = new java.util.ArrayList<>(1);
        for (SnapRef r : o.snapshots()) {
            SnapshotTarget t = s.snapshot(r);
            if (t != null && t.merge()) {
                out.add(r);
            }
        }
        return out;
    }
}
