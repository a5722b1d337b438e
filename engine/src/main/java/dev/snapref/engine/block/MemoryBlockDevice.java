package dev.snapref.engine.block;


import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory, zero-filled block device of up to 2^54 sectors (2^63 bytes). Sparse: storage is
 * allocated in pages of {@value #PAGE_SECTORS} sectors (4 KiB) on first write, so a large device
 * with little data costs little memory. A device of up to {@value #MAX_FLAT_LEAVES} leaves (64 GiB)
 * finds its pages through a flat array of leaves of {@value #LEAF_PAGES} page slots (one array read
 * per page, no allocation); a larger one keeps its pages in a hash map by page number, so even
 * pages written far apart cost about 50 bytes each beyond their 4 KiB.
 *
 * <p><b>Guarantees.</b> Thread-safe. A page is locked while it is read or written, so a sector is
 * never seen half-written. Pages are locked in groups of {@value #GROUP_SECTORS} sectors, so a
 * request takes one lock per 64 KiB it touches rather than one per page (each lock is a full
 * memory fence, which waits for the stores of the copy before it); the locks are stripes of one
 * small shared array, found by hashing device serial and group number, so taking one touches a
 * line that stays in cache rather than the header of a cold page. Pages appear and change only
 * under their group's lock; a write that covers a whole page where there is none makes a copy of
 * the caller's bytes the page (no zero fill first). {@link #copyTo} between two memory devices moves
 * whole pages without copying a byte: the destination's slot takes the source's page, marked
 * shared in both slots ({@link PageDirectory}), and neither device changes it in place again (a
 * later write to either slot puts a new page there: copy on write, as a file system shares an
 * extent). This is what a copy-on-write of a
 * chunk does with the origin's page, so the origin write that follows costs one page copy, not two.
 * Copying a hole onto a hole allocates nothing. {@link #rewrite} moves only the sectors that
 * differ.
 *
 * <p><b>Limits.</b> Memory is never given back (no discard). A flat device holds its leaf array
 * (4 bytes a leaf: at most 1 MiB) from the start, and a leaf (about 380 bytes: its page slots and
 * shared marks) per 256 KiB region written to, so pages written far apart on a flat device cost
 * 9 % more than their data. A device above
 * 64 GiB pays a hash lookup (and a boxed key) per page touched.
 */
public final class MemoryBlockDevice implements BlockDevice {
    static final int PAGE_SECTORS = 8;
    private static final int PAGE_SHIFT = 3;
    private static final int PAGE_BYTES = PAGE_SECTORS * SECTOR_SIZE;
    static final int LEAF_PAGES = PageDirectory.LEAF_PAGES;
    static final int MAX_FLAT_LEAVES = PageDirectory.MAX_FLAT_LEAVES;
    /** Pages are locked in groups of this many sectors (64 KiB): one lock per group a request touches. */
    static final int GROUP_SECTORS = 128;
    private static final int GROUP_SHIFT = 7;

    /** Numbers devices, so that equal group numbers of different devices spread over the stripes. */
    private static final AtomicLong SERIALS = new AtomicLong();

    /** The page lock stripes shared by every memory device; a power of two. */
    private static final Object[] STRIPES = newStripes(1024);

    /** A page of zeros, the source of a hole copied over a page (never written). */
    private static final byte[] ZEROS = new byte[PAGE_BYTES];

    private final long serial = SERIALS.getAndIncrement();
    private final long sectors;
    /**
     * The last rewrite inside one lock group whose range nothing else has written since, or null
     * (see {@link #rewrite}); set and forgotten under the lock of the group it lies in. It keeps
     * the caller's buffer reachable until then.
     */
    private volatile RewriteMirror mirror;
    /** The page slots: a page, changed in place under its group's lock unless it is shared (then never changed), or none (zeros). */
    private final PageDirectory pages;

    public MemoryBlockDevice(long sectors) {
        if (sectors < 0) {
            throw new IllegalArgumentException("negative size");
        }
        this.sectors = sectors;
        this.pages = new PageDirectory((sectors + PAGE_SECTORS - 1) >>> PAGE_SHIFT);
    }

    private static Object[] newStripes(int n) {
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            out[i] = new Object();
        }
        return out;
    }

    /** Index of the lock stripe of the lock group holding {@code sector} of this device. */
    private int stripe(long sector) {
        long h = ((sector >>> GROUP_SHIFT) + serial * 0x9E3779B97F4A7C15L) * 0xC2B2AE3D27D4EB4FL;
        return (int) (h >>> 32) & (STRIPES.length - 1);
    }

    /** Sectors from {@code sector} to the end of its lock group. */
    private static int toGroupEnd(long sector) {
        return GROUP_SECTORS - (int) (sector & (GROUP_SECTORS - 1));
    }

    @Override
    public long sectors() {
        return sectors;
    }

    // ------------------------------------------------------------------ I/O

    @Override
    public void read(long sector, byte[] dst, int off, int count) throws IOException {
        BlockDevice.checkRange(sector, count, sectors);
        byGroup(false, sector, dst, off, count);
    }

    @Override
    public void write(long sector, byte[] src, int off, int count, boolean fua) throws IOException {
        BlockDevice.checkRange(sector, count, sectors);
        byGroup(true, sector, src, off, count);
    }

    /**
     * Writes only the sectors that change: the hinted ones, and any other whose bytes differ from
     * {@code src} (compared under the group's lock). The result is that of {@link #write}. The
     * unhinted sectors of a page are compared in one pass when they are equal (the usual case);
     * only a page where they differ is compared sector by sector.
     *
     * <p>A rewrite inside one lock group is remembered ({@link RewriteMirror}) until anything else
     * writes to its range; the next rewrite of the same range from the same buffer then writes the
     * hinted sectors only, without comparing the others: the range still holds what the buffer
     * held at the remembered rewrite, and the caller states that the buffer changed only in the
     * hinted sectors since (see {@link BlockDevice#rewrite}).
     */
    @Override
    public void rewrite(long sector, byte[] src, int off, int count, boolean fua, int changedFrom, int changedCount)
            throws IOException {
        BlockDevice.checkRange(sector, count, sectors);
        if (count <= toGroupEnd(sector)) {
            synchronized (STRIPES[stripe(sector)]) {
                RewriteMirror m = mirror;
                if (m != null && m.holds(src, off, sector, count)) {
                    int lo = Math.max(0, Math.min(count, changedFrom));
                    int hi = Math.max(lo, Math.min(count, changedFrom + changedCount));
                    if (hi > lo) {
                        pagesLocked(true, sector + lo, src, off + lo * SECTOR_SIZE, hi - lo);
                    }
                    return;
                }
                rewriteLocked(sector, src, off, count, changedFrom, changedCount);
                mirror = new RewriteMirror(src, off, sector, count);
            }
            return;
        }
        int done = 0;
        while (done < count) {
            long s = sector + done;
            int n = Math.min(count - done, toGroupEnd(s));
            synchronized (STRIPES[stripe(s)]) {
                rewriteLocked(s, src, off + done * SECTOR_SIZE, n, changedFrom - done, changedCount);
            }
            done += n;
        }
    }

    /**
     * {@link #rewrite} of {@code n} sectors at {@code s} inside one lock group (its lock held),
     * comparing the unhinted sectors; forgets a remembered rewrite of the range.
     */
    private void rewriteLocked(long s, byte[] src, int at, int n, int hintFrom, int hintCount) {
        forgetMirror(s, n);
        for (int k = 0; k < n; ) {
            int inPage = (int) ((s + k) & (PAGE_SECTORS - 1));
            int m = Math.min(n - k, PAGE_SECTORS - inPage);
            rewritePage(s + k, src, at + k * SECTOR_SIZE, m, hintFrom - k, hintCount);
            k += m;
        }
    }

    /**
     * Forgets the remembered rewrite when [{@code s}, {@code s + n}), inside one lock group whose
     * lock the caller holds, overlaps it: the range is about to change otherwise. A remembered
     * range lies in one group and is set and forgotten under that group's lock, so every change
     * of it is seen.
     */
    private void forgetMirror(long s, int n) {
        RewriteMirror m = mirror;
        if (m != null && m.sector() < s + n && s < m.sector() + m.count()) {
            mirror = null;
        }
    }

    /**
     * {@link #rewrite} of {@code n} sectors at {@code x} inside one page (group lock held); the
     * hinted sectors are [{@code hintFrom}, {@code hintFrom + hintCount}) relative to {@code x}.
     */
    private void rewritePage(long x, byte[] src, int at, int n, int hintFrom, int hintCount) {
        int lo = Math.max(0, Math.min(n, hintFrom));
        int hi = Math.max(lo, Math.min(n, hintFrom + hintCount));
        byte[] v = pages.get(x >>> PAGE_SHIFT);
        byte[] page = v == null ? ZEROS : v;
        int in = (int) (x & (PAGE_SECTORS - 1)) * SECTOR_SIZE;
        boolean restEqual = sameBytes(page, in, src, at, lo)
                && sameBytes(page, in + hi * SECTOR_SIZE, src, at + hi * SECTOR_SIZE, n - hi);
        if (restEqual) {
            if (hi > lo) {
                writePage(x >>> PAGE_SHIFT, (int) (x & (PAGE_SECTORS - 1)) + lo, src, at + lo * SECTOR_SIZE, hi - lo);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            int a = at + i * SECTOR_SIZE;
            if (i >= lo && i < hi || !holds(x + i, src, a)) {
                writePage((x + i) >>> PAGE_SHIFT, (int) ((x + i) & (PAGE_SECTORS - 1)), src, a, 1);
            }
        }
    }

    /** Whether {@code sectors} sectors of {@code page} at {@code in} equal those of {@code src} at {@code at}. */
    private static boolean sameBytes(byte[] page, int in, byte[] src, int at, int sectors) {
        int len = sectors * SECTOR_SIZE;
        return len == 0 || Arrays.equals(page, in, in + len, src, at, at + len);
    }

    /** Whether sector {@code x} holds the 512 bytes of {@code src} at {@code at} (group lock held). */
    private boolean holds(long x, byte[] src, int at) {
        byte[] v = pages.get(x >>> PAGE_SHIFT);
        byte[] page = v == null ? ZEROS : v;
        int in = (int) (x & (PAGE_SECTORS - 1)) * SECTOR_SIZE;
        return Arrays.equals(page, in, in + SECTOR_SIZE, src, at, at + SECTOR_SIZE);
    }

    /** Cuts a checked request at lock group boundaries and does each piece under its group's lock. */
    private void byGroup(boolean write, long sector, byte[] buf, int off, int count) {
        int done = 0;
        while (done < count) {
            long s = sector + done;
            int n = Math.min(count - done, toGroupEnd(s));
            synchronized (STRIPES[stripe(s)]) {
                if (write) {
                    forgetMirror(s, n);
                }
                pagesLocked(write, s, buf, off + done * SECTOR_SIZE, n);
            }
            done += n;
        }
    }

    /** Reads or writes {@code count} sectors inside one lock group, whose lock is held, page by page. */
    private void pagesLocked(boolean write, long sector, byte[] buf, int off, int count) {
        int done = 0;
        while (done < count) {
            long s = sector + done;
            int inPage = (int) (s & (PAGE_SECTORS - 1));
            int n = Math.min(count - done, PAGE_SECTORS - inPage);
            int bufOff = off + done * SECTOR_SIZE;
            if (write) {
                writePage(s >>> PAGE_SHIFT, inPage, buf, bufOff, n);
            } else {
                readPage(s >>> PAGE_SHIFT, inPage, buf, bufOff, n);
            }
            done += n;
        }
    }

    private void readPage(long pageNo, int inPage, byte[] dst, int bufOff, int n) {
        byte[] v = pages.get(pageNo);
        if (v == null) {
            Arrays.fill(dst, bufOff, bufOff + n * SECTOR_SIZE, (byte) 0);
        } else {
            System.arraycopy(v, inPage * SECTOR_SIZE, dst, bufOff, n * SECTOR_SIZE);
        }
    }

    /**
     * Writes into page {@code pageNo} (group lock held): in place into an own page; a page written
     * whole where there was none or a shared one becomes a copy of the caller's bytes; a shared
     * page written in part is copied first (copy on write).
     */
    private void writePage(long pageNo, int inPage, byte[] src, int bufOff, int n) {
        byte[] own = pages.ownPage(pageNo);
        if (own != null) {
            System.arraycopy(src, bufOff, own, inPage * SECTOR_SIZE, n * SECTOR_SIZE);
            return;
        }
        if (n == PAGE_SECTORS) {
            pages.set(pageNo, Arrays.copyOfRange(src, bufOff, bufOff + PAGE_BYTES), false);
            return;
        }
        byte[] v = pages.get(pageNo);
        byte[] page = v == null ? new byte[PAGE_BYTES] : v.clone();
        System.arraycopy(src, bufOff, page, inPage * SECTOR_SIZE, n * SECTOR_SIZE);
        pages.set(pageNo, page, false);
    }

    /**
     * Copies {@code count} sectors at {@code sector} to {@code dst} at {@code dstSector}, one pass
     * over the bytes when both are memory devices with the same alignment within a page: for each
     * piece that stays inside one lock group of either device, both group locks are taken, lower
     * stripe first (monitors are reentrant, so one stripe for both is in effect taken once), and
     * every page of the piece is copied; an absent destination page that the piece covers whole
     * becomes a copy of the source page, and nothing is allocated for a hole copied onto a hole.
     * Every copy takes
     * locks in that order and no other operation nests them, so copies in opposite directions
     * cannot deadlock. Any other destination gets the generic read-then-write.
     */
    @Override
    public void copyTo(long sector, BlockDevice dst, long dstSector, int count) throws IOException {
        if (!(dst instanceof MemoryBlockDevice to) || ((sector ^ dstSector) & (PAGE_SECTORS - 1)) != 0
                || to == this && sector < dstSector + count && dstSector < sector + count) {
            BlockDevice.super.copyTo(sector, dst, dstSector, count); // overlapping ranges: read all, then write
            return;
        }
        BlockDevice.checkRange(sector, count, sectors);
        BlockDevice.checkRange(dstSector, count, to.sectors);
        int done = 0;
        while (done < count) {
            long s = sector + done;
            long d = dstSector + done;
            int n = Math.min(count - done, Math.min(toGroupEnd(s), toGroupEnd(d)));
            int a = stripe(s);
            int b = to.stripe(d);
            synchronized (STRIPES[Math.min(a, b)]) {
                synchronized (STRIPES[Math.max(a, b)]) {
                    to.forgetMirror(d, n);
                    copyLocked(s, to, d, n);
                }
            }
            done += n;
        }
    }

    /**
     * Copies {@code count} sectors inside one lock group of each device; both group locks are held.
     * A whole page is shared, not copied: the source's page goes into the destination's slot,
     * marked shared in both (neither device changes it in place again; sharing a page of a flat
     * directory allocates nothing). A hole copied over a page leaves zeros;
     * over a hole, nothing. A part of a page is copied into the destination's page.
     */
    private void copyLocked(long sector, MemoryBlockDevice to, long dstSector, int count) {
        int done = 0;
        while (done < count) {
            long s = sector + done;
            int inPage = (int) (s & (PAGE_SECTORS - 1));
            int n = Math.min(count - done, PAGE_SECTORS - inPage);
            long srcPageNo = s >>> PAGE_SHIFT;
            long dstPageNo = (dstSector + done) >>> PAGE_SHIFT;
            byte[] from = pages.get(srcPageNo);
            if (n == PAGE_SECTORS && from != null) {
                pages.share(srcPageNo);
                to.pages.set(dstPageNo, from, true);
            } else if (from != null) {
                to.writePage(dstPageNo, inPage, from, inPage * SECTOR_SIZE, n);
            } else if (to.pages.get(dstPageNo) != null) {
                to.writePage(dstPageNo, inPage, ZEROS, 0, n); // zeros over a page; over a hole, nothing
            }
            done += n;
        }
    }

    @Override
    public void flush() {
        // memory is always durable
    }

    /** True: a request takes only the page group locks, the last of the engine's lock order, and never waits. */
    @Override
    public boolean completesInline() {
        return true;
    }

    // ------------------------------------------------------------------ introspection

    /**
     * The sector ranges that hold allocated pages, as {@code {start, end}} pairs (end exclusive),
     * sorted and joined. Every sector outside them reads as zero: a checker may compare only
     * these. A snapshot taken while writes run may miss a page allocated meanwhile.
     */
    public List<long[]> allocatedRanges() {
        List<long[]> out = new ArrayList<>();
        for (long pageNo : pages.usedPages()) {
            addRange(out, pageNo << PAGE_SHIFT);
        }
        return out;
    }

    private void addRange(List<long[]> out, long start) {
        long end = Math.min(sectors, start + PAGE_SECTORS);
        if (!out.isEmpty() && out.get(out.size() - 1)[1] == start) {
            out.get(out.size() - 1)[1] = end;
        } else {
            out.add(new long[] {start, end});
        }
    }

    /** Number of allocated pages (for tests of sparseness). */
    public int allocatedPages() {
        int n = 0;
        for (long[] r : allocatedRanges()) {
            n += (int) ((r[1] - r[0] + PAGE_SECTORS - 1) / PAGE_SECTORS);
        }
        return n;
    }
}
