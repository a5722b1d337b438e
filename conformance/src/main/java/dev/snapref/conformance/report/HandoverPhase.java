package dev.snapref.conformance.report;

import dev.snapref.model.DeviceAbstraction;
import dev.snapref.model.SnapshotAbstraction;
import dev.snapref.model.TableAbstraction;
import dev.snapref.model.WorldAbstraction;
import java.util.Optional;

/**
 * The pairing state of one cow, as {@code __find_snapshots_sharing_cow} sees it: how many
 * snapshot tables use the cow and which of them are active (resumed) or inactive (a pending
 * handover destination). Used to draw the coverage picture of a report.
 */
public enum HandoverPhase {
    /** No snapshot uses the cow. */
    FREE("free"),
    /** One snapshot, active: the normal case. */
    NORMAL("normal"),
    /** An active source and an inactive destination: waiting for the handover. */
    PENDING("pending"),
    /** Two active snapshots: handed over, waiting for the old one to be removed. */
    HANDED_OVER("handed over"),
    /** Only an inactive destination: its source was destroyed (cancelled) or it never resumed. */
    ORPHAN_DEST("dest alone");

    private final String label;

    HandoverPhase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The phase of the cow disk {@code cowDisk} (a disk name such as {@code cow}) in {@code world}. */
    public static HandoverPhase of(WorldAbstraction world, String cowDisk) {
        int active = 0;
        int inactive = 0;
        for (DeviceAbstraction d : world.devices().values()) {
            for (Optional<TableAbstraction> t : java.util.List.of(d.live(), d.inactive())) {
                TableAbstraction a = t.orElse(null);
                SnapshotAbstraction s = a instanceof SnapshotAbstraction x ? x
                        : a instanceof dev.snapref.model.MergeAbstraction m ? m.snapshot() : null;
                if (s != null && s.cowDisk().equals(cowDisk)) {
                    if (s.active()) {
                        active++;
                    } else {
                        inactive++;
                    }
                }
            }
        }
        if (active == 0) {
            return inactive == 0 ? FREE : ORPHAN_DEST;
        }
        if (active == 1) {
            return inactive == 0 ? NORMAL : PENDING;
        }
        return HANDED_OVER;
    }
}
