package dev.snapref.engine.block;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The page slots of a {@link MemoryBlockDevice}, by page number. A device of up to
 * {@value #MAX_FLAT_LEAVES} leaves finds its pages through a flat array of leaves of
 * {@value #LEAF_PAGES} slots (two array reads per page, no allocation but a leaf per 256 KiB
 * region written to); a larger one keeps its pages in a hash map by page number (a hash lookup and
 * a boxed key per page). A slot holds what the device put there (an own page, a shared page) or
 * null (never written).
 *
 * <p>Guarantees: a slot read sees the last value set (slots are published with release
 * semantics); the device changes a slot only under the page's group lock, and its readers hold
 * that lock too. Leaves appear on first write and are never removed.
 */
final class PageDirectory {
    static final int LEAF_PAGES = 64;
    private static final int LEAF_SHIFT = 6;
    static final int MAX_FLAT_LEAVES = 1 << 18;

    /** Leaves by number when the device is small enough for a flat directory, else null. */
    private final AtomicReferenceArray<AtomicReferenceArray<Object>> flatLeaves;
    /** Pages by number for larger devices, else null. */
    private final ConcurrentHashMap<Long, Object> hashedPages;

    /** A directory for {@code pages} page slots. */
    PageDirectory(long pages) {
        long leaves = (pages + LEAF_PAGES - 1) >>> LEAF_SHIFT;
        if (leaves <= MAX_FLAT_LEAVES) {
            flatLeaves = new AtomicReferenceArray<>((int) leaves);
            hashedPages = null;
        } else {
            flatLeaves = null;
            hashedPages = new ConcurrentHashMap<>();
        }
    }

    /** What slot {@code pageNo} holds, or null (never written). */
    Object get(long pageNo) {
        if (flatLeaves == null) {
            return hashedPages.get(pageNo);
        }
        AtomicReferenceArray<Object> leaf = flatLeaves.get((int) (pageNo >>> LEAF_SHIFT));
        return leaf == null ? null : leaf.get(slot(pageNo));
    }

    /** Puts {@code v} in slot {@code pageNo}. The caller holds the page's group lock. */
    void set(long pageNo, Object v) {
        if (flatLeaves == null) {
            hashedPages.put(pageNo, v);
        } else {
            leaf(pageNo).setRelease(slot(pageNo), v); // readers of the slot hold the group lock too
        }
    }

    /** The leaf of a flat directory holding page {@code pageNo}, made on first use. */
    private AtomicReferenceArray<Object> leaf(long pageNo) {
        int i = (int) (pageNo >>> LEAF_SHIFT);
        AtomicReferenceArray<Object> leaf = flatLeaves.get(i);
        if (leaf == null) {
            flatLeaves.compareAndSet(i, null, new AtomicReferenceArray<>(LEAF_PAGES));
            leaf = flatLeaves.get(i);
        }
        return leaf;
    }

    private static int slot(long pageNo) {
        return (int) (pageNo & (LEAF_PAGES - 1));
    }

    /**
     * The numbers of the slots that hold something, ascending. A listing taken while pages are
     * set may miss a page set meanwhile.
     */
    long[] usedPages() {
        if (flatLeaves == null) {
            return hashedPages.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        }
        long[] out = new long[16];
        int n = 0;
        for (int l = 0; l < flatLeaves.length(); l++) {
            AtomicReferenceArray<Object> leaf = flatLeaves.get(l);
            for (int i = 0; leaf != null && i < LEAF_PAGES; i++) {
                if (leaf.get(i) != null) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, 2 * n);
                    }
                    out[n++] = ((long) l << LEAF_SHIFT) + i;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }
}
