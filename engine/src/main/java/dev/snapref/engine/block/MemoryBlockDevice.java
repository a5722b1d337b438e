package dev.snapref.engine.block;

import dev.snapref.engine.BlockDevice;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory, zero-filled block device. Sparse: storage is allocated in pages of
 * {@value #PAGE_SECTORS} sectors on first write, so a large device with little data costs little
 * memory. A page is locked while it is read or written, so sectors are never seen half-written.
 */
public final class MemoryBlockDevice implements BlockDevice {
    static final int PAGE_SECTORS = 64;
    private static final int PAGE_BYTES = PAGE_SECTORS * SECTOR_SIZE;

    private final long sectors;
    private final ConcurrentHashMap<Long, byte[]> pages = new ConcurrentHashMap<>();

    public MemoryBlockDevice(long sectors) {
        if (sectors < 0) {
            throw new IllegalArgumentException("negative size");
        }
        this.sectors = sectors;
    }

    @Override
    public long sectors() {
        return sectors;
    }

    @Override
    public void read(long sector, byte[] dst, int off, int count) throws IOException {
        BlockDevice.checkRange(sector, count, sectors);
        forEachPage(sector, count, off, (pageNo, inPage, n, bufOff) -> {
            byte[] page = pages.get(pageNo);
            if (page == null) {
                java.util.Arrays.fill(dst, bufOff, bufOff + n * SECTOR_SIZE, (byte) 0);
            } else {
                synchronized (page) {
                    System.arraycopy(page, inPage * SECTOR_SIZE, dst, bufOff, n * SECTOR_SIZE);
                }
            }
        });
    }

    @Override
    public void write(long sector, byte[] src, int off, int count, boolean fua) throws IOException {
        BlockDevice.checkRange(sector, count, sectors);
        forEachPage(sector, count, off, (pageNo, inPage, n, bufOff) -> {
            byte[] page = pages.computeIfAbsent(pageNo, k -> new byte[PAGE_BYTES]);
            synchronized (page) {
                System.arraycopy(src, bufOff, page, inPage * SECTOR_SIZE, n * SECTOR_SIZE);
            }
        });
    }

    /** One piece of a request that stays inside one page. */
    private interface PageRun {
        void run(long pageNo, int inPage, int sectors, int bufOff);
    }

    /** Cuts {@code count} sectors from {@code sector} at page boundaries; buffer offsets start at {@code off}. */
    private static void forEachPage(long sector, int count, int off, PageRun run) {
        int done = 0;
        while (done < count) {
            long s = sector + done;
            int inPage = (int) (s % PAGE_SECTORS);
            int n = Math.min(count - done, PAGE_SECTORS - inPage);
            run.run(s / PAGE_SECTORS, inPage, n, off + done * SECTOR_SIZE);
            done += n;
        }
    }

    @Override
    public void flush() {
        // memory is always durable
    }

    /**
     * The sector ranges that hold allocated pages, as {@code {start, end}} pairs (end exclusive),
     * sorted and joined. Every sector outside them reads as zero: a checker may compare only
     * these. A snapshot taken while writes run may miss a page allocated meanwhile.
     */
    public java.util.List<long[]> allocatedRanges() {
        long[] pageNos = pages.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        java.util.List<long[]> out = new java.util.ArrayList<>();
        for (long p : pageNos) {
            long start = p * PAGE_SECTORS;
            long end = Math.min(sectors, start + PAGE_SECTORS);
            if (!out.isEmpty() && out.get(out.size() - 1)[1] == start) {
                out.get(out.size() - 1)[1] = end;
            } else {
                out.add(new long[] {start, end});
            }
        }
        return out;
    }

    /** Number of allocated pages (for tests of sparseness). */
    public int allocatedPages() {
        return pages.size();
    }
}
