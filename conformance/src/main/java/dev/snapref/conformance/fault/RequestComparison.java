package dev.snapref.conformance.fault;

import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.block.BlockOp;
import dev.snapref.model.Request;
import dev.snapref.model.RequestKind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Compares the block requests the model issued to one disk with the ones the engine's
 * fault-injecting device saw: same number, and request by request the same kind, per-kind index,
 * sector range, FUA flag and, for a write, the same 512 bytes in every sector. This is what makes
 * a fault plan (request k of a kind) and a crash point (before request k) mean the same on both
 * sides.
 */
final class RequestComparison {
    private RequestComparison() {
    }

    /** Where two logs first differ. */
    record Difference(int index, int modelStep, String text) {
    }

    /** The first difference of the two logs, or empty when they are the same. */
    static Optional<Difference> compare(String disk, List<Request> model, List<BlockOp> engine) {
        int n = Math.min(model.size(), engine.size());
        for (int i = 0; i < n; i++) {
            Request m = model.get(i);
            BlockOp e = engine.get(i);
            String why = differs(m, e);
            if (why != null) {
                return Optional.of(new Difference(i, m.step(), disk + " request " + i + " (issued by step "
                        + (m.step() + 1) + "): " + why + ": model " + m.describe() + ", engine " + e.describe()));
            }
        }
        if (model.size() != engine.size()) {
            int step = n < model.size() ? model.get(n).step() : Integer.MAX_VALUE;
            String extra = n < model.size() ? "model " + model.get(n).describe() + " (step " + (model.get(n).step() + 1)
                    + ")" : "engine " + engine.get(n).describe();
            return Optional.of(new Difference(n, step, disk + ": model issued " + model.size() + " requests, engine "
                    + engine.size() + "; first extra: " + extra));
        }
        return Optional.empty();
    }

    private static String differs(Request m, BlockOp e) {
        if (!m.kind().name().equals(e.kind().name()) || m.kindIndex() != e.kindIndex()) {
            return "kind";
        }
        if (m.sector() != e.sector() || m.count() != e.count() || m.fua() != e.fua()) {
            return "range";
        }
        if (m.kind() == RequestKind.WRITE) {
            for (int s = 0; s < m.count(); s++) {
                int off = s * BlockDevice.SECTOR_SIZE;
                if (!Arrays.equals(m.dataSector(s), 0, BlockDevice.SECTOR_SIZE, e.data(), off,
                        off + BlockDevice.SECTOR_SIZE)) {
                    return "data of sector " + (m.sector() + s);
                }
            }
        }
        return null;
    }
}
