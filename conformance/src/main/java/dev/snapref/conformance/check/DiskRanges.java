package dev.snapref.conformance.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sector ranges ({@code {start, end}}, end exclusive) of a disk that a data comparison must
 * read: the union of what two targets say may be non-zero, clipped to the compared prefix.
 */
final class DiskRanges {
    private DiskRanges() {
    }

    /**
     * The sorted, disjoint union of {@code a} and {@code b} inside {@code [0, limit)}; the
     * whole prefix when either side cannot tell.
     */
    static List<long[]> union(Optional<List<long[]>> a, Optional<List<long[]>> b, long limit) {
        if (a.isEmpty() || b.isEmpty()) {
            return limit > 0 ? List.of(new long[] {0, limit}) : List.of();
        }
        List<long[]> all = new ArrayList<>(a.get().size() + b.get().size());
        for (long[] r : a.get()) {
            clip(r, limit, all);
        }
        for (long[] r : b.get()) {
            clip(r, limit, all);
        }
        all.sort((x, y) -> Long.compare(x[0], y[0]));
        List<long[]> out = new ArrayList<>();
        for (long[] r : all) {
            long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && r[0] <= last[1]) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                out.add(r);
            }
        }
        return out;
    }

    private static void clip(long[] r, long limit, List<long[]> into) {
        long start = Math.max(0, r[0]);
        long end = Math.min(limit, r[1]);
        if (start < end) {
            into.add(new long[] {start, end});
        }
    }
}
