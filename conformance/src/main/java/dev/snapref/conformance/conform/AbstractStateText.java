package dev.snapref.conformance.conform;

import dev.snapref.model.DeviceAbstraction;
import dev.snapref.model.LinearAbstraction;
import dev.snapref.model.MergeAbstraction;
import dev.snapref.model.OriginAbstraction;
import dev.snapref.model.SnapshotAbstraction;
import dev.snapref.model.TableAbstraction;
import dev.snapref.model.WorldAbstraction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model's typed abstract state ({@link WorldAbstraction}) as text for a report: one line per
 * compared field group, so that two states shown side by side differ exactly on the lines whose
 * fields differ. Devices in name order, each with its suspended flag, then its live and inactive
 * tables (target, length; a snapshot's cow, store, chunk size, flags and exceptions; an origin's
 * split boundary).
 *
 * <p>Limit: a snapshot with more than {@value #MAX_EXCEPTIONS} exceptions shows the first ones
 * and a count of the rest (the refinement check's own difference lines name the entries that
 * differ).
 */
final class AbstractStateText {
    static final int MAX_EXCEPTIONS = 24;

    private AbstractStateText() {
    }

    static String render(WorldAbstraction w) {
        if (w.devices().isEmpty()) {
            return "(no devices)\n";
        }
        List<String> out = new ArrayList<>();
        for (DeviceAbstraction d : w.devices().values()) {
            out.add("device " + d.name() + (d.suspended() ? " (suspended)" : " (active)"));
            table(out, "live", d.live());
            table(out, "inactive", d.inactive());
        }
        return String.join("\n", out) + "\n";
    }

    private static void table(List<String> out, String slot, Optional<TableAbstraction> t) {
        if (t.isEmpty()) {
            out.add("  " + slot + ": none");
            return;
        }
        if (t.get() instanceof OriginAbstraction o) {
            out.add("  " + slot + ": snapshot-origin, length " + o.length() + ", split boundary " + o.splitBoundary());
            return;
        }
        if (t.get() instanceof LinearAbstraction l) {
            out.add("  " + slot + ": linear, length " + l.length() + ", " + l.device() + " from " + l.offset());
            return;
        }
        SnapshotAbstraction s;
        if (t.get() instanceof MergeAbstraction m) {
            s = m.snapshot();
            out.add("  " + slot + ": snapshot-merge, length " + s.length() + ", cow " + s.cowDisk()
                    + (m.mergeFailed() ? ", MERGE FAILED" : ""));
        } else {
            s = (SnapshotAbstraction) t.get();
            out.add("  " + slot + ": snapshot, length " + s.length() + ", cow " + s.cowDisk());
        }
        out.add("    store " + s.storeWord() + ", chunk size " + s.chunkSize());
        out.add("    " + (s.valid() ? "valid" : "INVALID") + ", " + (s.active() ? "active" : "never resumed")
                + (s.overflowed() ? ", OVERFLOWED" : ""));
        StringBuilder ex = new StringBuilder("    exceptions (" + s.exceptions().size() + ")");
        int k = 0;
        for (Map.Entry<Long, Long> e : s.exceptions().entrySet()) {
            if (k++ == MAX_EXCEPTIONS) {
                ex.append(" ... and ").append(s.exceptions().size() - MAX_EXCEPTIONS).append(" more");
                break;
            }
            ex.append(k == 1 ? ": " : ", ").append(e.getKey()).append("->").append(e.getValue());
        }
        out.add(ex.toString());
    }
}
