package dev.snapref.model;

/**
 * The persistent store's merge operations (dm-snap-persistent.c, persistent_prepare_merge and
 * persistent_commit_merge): the merge walks the committed exceptions backwards, newest first.
 * {@link #prepare} finds the last committed exception of the current area and how many entries
 * before it continue it consecutively (old and cow chunk both one less each step); when the
 * current area is empty it steps back to the previous area and reads it from the cow.
 * {@link #commit} clears the merged entries from the area and writes the area (a flush, then the
 * chunk with FUA), then sets next_free to where the remaining entries end, as if they had all
 * been committed in order.
 *
 * <p>Guarantees: the cow requests are the kernel's, in its order; a failed commit leaves the area
 * as the kernel's buffer holds it (the cleared entries zero, the count unchanged).
 */
final class MergeStore {
    private MergeStore() {
    }

    /**
     * prepare_merge's answer: {@code chunks} consecutive exceptions ending at
     * {@code lastOld -> lastNew} (0: nothing left to merge; -1: the area could not be read), and
     * the store after it.
     */
    record Prepared(int chunks, long lastOld, long lastNew, Store store) {
    }

    static Prepared prepare(World w, String cowKey, Store s) {
        if (s.area().size() == 0) {
            if (s.currentArea() == 0) {
                return new Prepared(0, 0, 0, s);
            }
            long area = s.currentArea() - 1;
            long cs = s.chunkSize();
            long loc = s.areaLocation(area);
            Store back = s.withLayout(s.nextFree(), area, PairList.EMPTY);
            if ((loc + 1) * cs > Volumes.size(w, cowKey) || !StackedIo.read(w, cowKey, loc * cs, cs)) {
                return new Prepared(-1, 0, 0, back);
            }
            Disk cow = Volumes.image(w, cowKey);
            PairList entries = readArea(cow, loc * cs, s.exceptionsPerArea());
            s = back.withLayout(s.nextFree(), area, entries)
                    .withAreaBase(ExceptionStores.areaBase(cow, loc * cs, cs, entries));
        }
        PairList a = s.area();
        int committed = a.size();
        long lastOld = a.oldChunk(committed - 1);
        long lastNew = a.newChunk(committed - 1);
        int n = 1;
        while (n < committed && a.oldChunk(committed - 1 - n) == lastOld - n
                && a.newChunk(committed - 1 - n) == lastNew - n) {
            n++;
        }
        return new Prepared(n, lastOld, lastNew, s);
    }

    /** The {@code e} entries of a full area at cow sector {@code start}, as read_exception reads them. */
    private static PairList readArea(Disk cow, long start, long e) {
        PairList out = PairList.EMPTY;
        byte[] sector = null;
        for (long i = 0; i < e; i++) {
            if (i % 32 == 0) {
                sector = cow.bytesAt(start + i / 32);
            }
            int off = (int) (i % 32) * 16;
            out = out.append(ExceptionStores.le64(sector, off), ExceptionStores.le64(sector, off + 8));
        }
        return out;
    }

    /**
     * commit_merge of the last {@code merged} entries: clears them and writes the area; returns
     * the store after it, or null when the area write failed (then {@link #failed} is the store).
     */
    static Store commit(World w, String cowKey, Store s, int merged) {
        PairList a = s.area();
        int keep = a.size() - merged;
        assert keep >= 0 : "merged more than committed";
        PairList kept = a.slice(0, keep);
        long cs = s.chunkSize();
        long at = s.areaLocation(s.currentArea()) * cs;
        Disk base = clearedBase(s.areaBase(), keep, a.size());
        boolean ok = StackedIo.flush(w, cowKey)
                && StackedIo.write(w, cowKey, at, cs, true, d -> ExceptionStores.writeArea(d, at, cs, kept, base));
        if (!ok) {
            return null;
        }
        long nextFree = s.areaLocation(s.currentArea()) + keep + 1;
        return s.withLayout(nextFree, s.currentArea(), kept).withAreaBase(base);
    }

    /** The store after a failed commit of the last {@code merged} entries: cleared in memory, count unchanged. */
    static Store failed(Store s, int merged) {
        PairList a = s.area();
        PairList out = a.slice(0, a.size() - merged);
        for (int i = 0; i < merged; i++) {
            out = out.append(0, 0);
        }
        return s.withLayout(s.nextFree(), s.currentArea(), out)
                .withAreaBase(clearedBase(s.areaBase(), a.size() - merged, a.size()));
    }

    /** An area buffer read from disk with entries {@code [from, to)} zeroed (clear_exception); null stays null. */
    private static Disk clearedBase(Disk base, int from, int to) {
        if (base == null) {
            return null;
        }
        Disk out = base;
        for (int i = from; i < to; i++) {
            long sector = i / 32;
            byte[] b = out.bytesAt(sector);
            java.util.Arrays.fill(b, (i % 32) * 16, (i % 32) * 16 + 16, (byte) 0);
            boolean zero = true;
            for (byte x : b) {
                zero &= x == 0;
            }
            out = out.put(sector, zero ? null : new SectorValue.Raw(b));
        }
        return out;
    }
}
