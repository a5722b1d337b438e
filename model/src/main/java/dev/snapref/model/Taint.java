package dev.snapref.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The "written behind dm-snapshot's back" bookkeeping ({@link Disk#tainted()}): the invariants
 * that compare a snapshot with what it should show hold only while its origin and cow change
 * through the targets that keep them consistent. A disk is tainted when
 * <ul>
 *   <li>a script writes it raw ({@code write /dev/disk/...}, in {@link BlockIo});</li>
 *   <li>a script write to a mapped device reaches the sectors under a snapshot's origin without
 *       passing a {@code snapshot-origin} (or {@code snapshot-merge}) target on that origin, or
 *       the sectors under its cow without passing that snapshot (a write to a linear device
 *       aliasing them, or to the origin's lower device);</li>
 *   <li>a new snapshot's origin or cow shares sectors with another snapshot's cow or origin, or
 *       its cow with a snapshot-origin's device (cross use).</li>
 * </ul>
 * Sectors are compared through the stacks ({@link Volumes#footprint}), so an LVM volume group,
 * whose origin and cow are linear devices on one disk, is no cross use. The flag is per disk:
 * once set, every check of every snapshot on that disk is off.
 */
final class Taint {
    private Taint() {
    }

    /** What a script write will reach, worked out before it runs ({@link #apply} after it ran). */
    static final class Check {
        private final List<DiskRange> written = new ArrayList<>();
        private final Set<String> coveredOrigins = new HashSet<>();
        private final Set<String> coveredCows = new HashSet<>();
        private final List<String> toTaint = new ArrayList<>();

        /** Taints what the write reached behind a snapshot's back. */
        void apply(World w) {
            for (String d : toTaint) {
                w.putDisk(w.disk(d).taint());
            }
        }
    }

    /** The taint a script write of {@code [sector, sector+n)} to mapped device {@code name} causes. */
    static Check before(World w, String name, long sector, long n) {
        Check c = new Check();
        walk(w, Volumes.mapperKey(name), sector, n, c, 0);
        for (int i = 0; i < w.devices.size(); i++) {
            Device d = w.devices.value(i);
            for (Table t : new Table[] {d.live(), d.inactive()}) {
                if (t != null && t.target() instanceof SnapshotTarget s) {
                    check(w, c, s.originDisk(), c.coveredOrigins);
                    check(w, c, s.cowDisk(), c.coveredCows);
                }
            }
        }
        return c;
    }

    private static void check(World w, Check c, String key, Set<String> covered) {
        if (covered.contains(key)) {
            return;
        }
        List<DiskRange> fp = Volumes.footprint(w, key);
        if (Volumes.overlap(c.written, fp)) {
            for (DiskRange r : fp) {
                c.toTaint.add(r.disk());
            }
        }
    }

    /** Where the write lands and which targets on the way keep snapshots consistent. */
    private static void walk(World w, String key, long start, long n, Check c, int depth) {
        if (!Volumes.mapped(key)) {
            c.written.addAll(Volumes.footprint(w, key, start, n));
            return;
        }
        Table t = Volumes.live(w, key);
        if (t == null || depth > Volumes.MAX_DEPTH) {
            return;
        }
        if (t.target() instanceof LinearTarget lt) {
            walk(w, lt.device(), lt.offset() + start, n, c, depth + 1);
        } else if (t.target() instanceof OriginTarget o) {
            c.coveredOrigins.add(o.originDisk());
            walk(w, o.originDisk(), start, n, c, depth + 1);
        } else {
            SnapshotTarget s = (SnapshotTarget) t.target();
            c.coveredCows.add(s.cowDisk());
            c.written.addAll(Volumes.footprint(w, s.cowDisk()));
            if (s.merge()) {
                c.coveredOrigins.add(s.originDisk());
                walk(w, s.originDisk(), start, n, c, depth + 1);
            }
        }
    }

    /** Marks the disks of a new snapshot used both as an origin and as a cow, or as a cow of two origins. */
    static void crossUse(World w, SnapshotTarget s) {
        List<DiskRange> origin = Volumes.footprint(w, s.originDisk());
        List<DiskRange> cow = Volumes.footprint(w, s.cowDisk());
        boolean cross = false;
        NameMap<List<SnapRef>> origins = w.origins();
        for (int i = 0; i < origins.size() && !cross; i++) {
            for (SnapRef r : origins.value(i)) {
                SnapshotTarget o = w.snap(r);
                List<DiskRange> oCow = Volumes.footprint(w, o.cowDisk());
                cross |= Volumes.overlap(Volumes.footprint(w, o.originDisk()), cow) || Volumes.overlap(oCow, origin)
                        || (!o.originDisk().equals(s.originDisk()) && Volumes.overlap(oCow, cow));
            }
        }
        for (int i = 0; i < w.devices.size() && !cross; i++) {
            Device d = w.devices.value(i);
            for (Table t : new Table[] {d.live(), d.inactive()}) {
                cross |= t != null && t.target() instanceof OriginTarget o
                        && Volumes.overlap(Volumes.footprint(w, o.originDisk()), cow);
            }
        }
        if (cross) {
            for (DiskRange r : cow) {
                w.putDisk(w.disk(r.disk()).taint());
            }
            for (DiskRange r : origin) {
                w.putDisk(w.disk(r.disk()).taint());
            }
        }
    }
}
