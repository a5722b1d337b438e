package dev.snapref.conformance.report;

import dev.snapref.conformance.refine.AbstractDevice;
import dev.snapref.conformance.refine.AbstractTable;
import dev.snapref.conformance.refine.AbstractWorld;
import java.util.ArrayList;
import java.util.List;

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

    /** The phase of {@code cow} (a path such as {@code /dev/disk/cow}) in {@code world}. */
    public static HandoverPhase of(AbstractWorld world, String cow) {
        int active = 0;
        int inactive = 0;
        for (AbstractDevice d : world.devices().values()) {
            for (AbstractTable t : tables(d)) {
                if (t.isSnapshot() && t.cow().equals(cow)) {
                    if (t.active()) {
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

    private static List<AbstractTable> tables(AbstractDevice d) {
        List<AbstractTable> out = new ArrayList<>(2);
        d.live().ifPresent(out::add);
        d.inactive().ifPresent(out::add);
        return out;
    }
}
