package dev.snapref.engine.block;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

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
 * it. Leaves appear on first write (published by a compare-and-set) and are never removed. A slot
 * lookup reads the leaf array plainly: a leaf's fields are final, so a reader sees a whole leaf or
 * none; and one that finds none holds a group lock under which no page of that group was ever
 * set, since whoever set one read or made the leaf before releasing the same lock (a writer that
 * finds none makes one by compare-and-set, and takes the one another thread made).
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

    private static final VarHandle LEAVES = MethodHandles.arrayElementVarHandle(Leaf[].class);

    /** Leaves by number when the device is small enough for a flat directory, else null. */
    private final Leaf[] flatLeaves;
    /** Pages by number for larger devices (a shared one as a {@link SharedPage}), else null. */
    private final ConcurrentHashMap<Long, Object> hashedPages;

    /** A directory for {@code pages} page slots. */
    PageDirectory(long pages) {
        long leaves = (pages + LEAF_PAGES - 1) >>> LEAF_SHIFT;
        if (leaves <= MAX_FLAT_LEAVES) {
            flatLeaves = new Leaf[(int) leaves];
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
        Leaf leaf = flatLeaves[(int) (pageNo >>> LEAF_SHIFT)];
        return leaf == null ? null : leaf.pages[slot(pageNo)];
    }

    /** The page in slot {@code pageNo} if it is the slot's own (not shared), else null. */
    byte[] ownPage(long pageNo) {
        if (flatLeaves == null) {
            return hashedPages.get(pageNo) instanceof byte[] own ? own : null;
        }
        Leaf leaf = flatLeaves[(int) (pageNo >>> LEAF_SHIFT)];
        if (leaf == null) {
            return null;
        }
        int i = slot(pageNo);
        return leaf.shared[i] ? null : leaf.pages[i];
    }

    /** Marks the page in slot {@code pageNo} (there is one) shared. The caller holds the page's group lock. */
    void share(long pageNo) {
        if (flatLeaves == null) {
            Object v = hashedPages.get(pageNo);
            if (v instanceof byte[] own) {
                hashedPages.put(pageNo, new SharedPage(own));
            }
            return;
        }
        Leaf leaf = flatLeaves[(int) (pageNo >>> LEAF_SHIFT)];
        assert leaf != null && leaf.pages[slot(pageNo)] != null : "share of an empty slot";
        leaf.shared[slot(pageNo)] = true;
    }

    /** Puts {@code page} in slot {@code pageNo}, shared or the slot's own. The caller holds the page's group lock. */
    void set(long pageNo, byte[] page, boolean shared) {
        if (flatLeaves == null) {
            hashedPages.put(pageNo, shared ? new SharedPage(page) : page);
            return;
        }
        Leaf leaf = leaf(pageNo);
        int i = slot(pageNo);
        leaf.pages[i] = page;
        leaf.shared[i] = shared;
    }

    /** The leaf of a flat directory holding page {@code pageNo}, made on first use. */
    private Leaf leaf(long pageNo) {
        int i = (int) (pageNo >>> LEAF_SHIFT);
        Leaf leaf = flatLeaves[i];
        if (leaf == null) {
            LEAVES.compareAndSet(flatLeaves, i, (Leaf) null, new Leaf());
            leaf = (Leaf) LEAVES.getVolatile(flatLeaves, i);
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
        for (int l = 0; l < flatLeaves.length; l++) {
            Leaf leaf = (Leaf) LEAVES.getVolatile(flatLeaves, l);
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
