package dev.snapref.engine.block;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The page slots of a {@link MemoryBlockDevice}, by page number. A slot holds a page (4 KiB) or
 * nothing (never written), and says whether its page is shared: held by more than one slot, so
 * that no holder changes it in place (see {@link MemoryBlockDevice#copyTo}). A device of up to
 * {@value #MAX_FLAT_LEAVES} leaves finds its pages through a flat array of leaves of
 * {@value #LEAF_PAGES} slots (two array reads per page, no allocation but a leaf per 256 KiB
 * region written to; a leaf keeps its pages and their shared marks in two arrays, so sharing a
 * page allocates nothing and stores no reference); a larger one keeps its pages in a hash map by
 * page number (a hash lookup and a boxed key per page; a shared page is stored as a {@link
 * SharedPage}).
 *
 * <p>Guarantees: the device changes a slot only under the page's group lock, and its readers hold
 * that lock too, so a slot read sees the last value set; {@link #usedPages} alone reads without
 * it. Leaves appear on first write (published by a compare-and-set) and are never removed.
 */
final class PageDirectory {
    static final int LEAF_PAGES = 64;
    private static final int LEAF_SHIFT = 6;
    static final int MAX_FLAT_LEAVES = 1 << 18;

    /** The slots of {@value #LEAF_PAGES} pages; each slot guarded by its page's group lock. */
    private static final class Leaf {
        final byte[][] pages = new byte[LEAF_PAGES][];
        final boolean[] shared = new boolean[LEAF_PAGES];
    }

    /** Leaves by number when the device is small enough for a flat directory, else null. */
    private final AtomicReferenceArray<Leaf> flatLeaves;
    /** Pages by number for larger devices (a shared one as a {@link SharedPage}), else null. */
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

    /** The page in slot {@code pageNo}, or null (never written). */
    byte[] get(long pageNo) {
        if (flatLeaves == null) {
            Object v = hashedPages.get(pageNo);
            return v instanceof SharedPage sp ? sp.bytes() : (byte[]) v;
        }
        Leaf leaf = flatLeaves.get((int) (pageNo >>> LEAF_SHIFT));
        return leaf == null ? null : leaf.pages[slot(pageNo)];
    }

    /** Whether the page in slot {@code pageNo} is shared (false for an empty slot). */
    boolean isShared(long pageNo) {
        if (flatLeaves == null) {
            return hashedPages.get(pageNo) instanceof SharedPage;
        }
        Leaf leaf = flatLeaves.get((int) (pageNo >>> LEAF_SHIFT));
        return leaf != null && leaf.shared[slot(pageNo)];
    }

    /** Puts {@code page} in slot {@code pageNo}, shared or the slot's own. The caller holds the page's group lock. */
    void set(long pageNo, byte[] page, boolean shared) {
        if (flatLeaves == null) {
            hashedPages.put(pageNo, shared ? new SharedPage(page) : page);
            return;
        }
        Leaf leaf = leaf(pageNo);
        int i = slot(pageNo);
        if (leaf.pages[i] != page) {
            leaf.pages[i] = page;
        }
        leaf.shared[i] = shared;
    }

    /** The leaf of a flat directory holding page {@code pageNo}, made on first use. */
    private Leaf leaf(long pageNo) {
        int i = (int) (pageNo >>> LEAF_SHIFT);
        Leaf leaf = flatLeaves.get(i);
        if (leaf == null) {
            flatLeaves.compareAndSet(i, null, new Leaf());
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
            Leaf leaf = flatLeaves.get(l);
            for (int i = 0; leaf != null && i < LEAF_PAGES; i++) {
                if (leaf.pages[i] != null) {
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
