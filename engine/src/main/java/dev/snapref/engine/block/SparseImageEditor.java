package dev.snapref.engine.block;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes onto a copy of a {@link SparseImage} without copying it: the pages a write touches are
 * copied on first touch, every other page of the base is shared with the result (an image's pages
 * are never changed after it is built). Building costs time in proportion to the data written plus
 * the number of the base's data pages, memory in proportion to the data written.
 *
 * <p>Not thread-safe; one editor makes images from one base, and may build several in turn (each
 * build sees every write so far).
 */
public final class SparseImageEditor {
    private static final int PAGE_BYTES = SparseImage.PAGE_SECTORS * BlockDevice.SECTOR_SIZE;
    private final SparseImage base;
    /** Pages written so far, by number: private copies, zero pages included. */
    private final TreeMap<Long, byte[]> touched = new TreeMap<>();

    public SparseImageEditor(SparseImage base) {
        this.base = base;
    }

    /**
     * Writes {@code count} sectors of {@code src} from {@code off} at {@code sector}.
     *
     * @throws IllegalArgumentException when the range lies outside the image
     */
    public void write(long sector, byte[] src, int off, int count) {
        if (sector < 0 || count < 0 || sector > base.sectors() || count > base.sectors() - sector) {
            throw new IllegalArgumentException("write of " + count + " sectors at " + sector + " outside an image of "
                    + base.sectors() + " sectors");
        }
        int done = 0;
        while (done < count) {
            long s = sector + done;
            int inPage = (int) (s % SparseImage.PAGE_SECTORS);
            int n = Math.min(count - done, SparseImage.PAGE_SECTORS - inPage);
            byte[] page = touched.computeIfAbsent(s / SparseImage.PAGE_SECTORS, this::copyOfBasePage);
            System.arraycopy(src, off + done * BlockDevice.SECTOR_SIZE, page, inPage * BlockDevice.SECTOR_SIZE,
                    n * BlockDevice.SECTOR_SIZE);
            done += n;
        }
    }

    private byte[] copyOfBasePage(long pageNo) {
        byte[] page = base.page(pageNo);
        return page == null ? new byte[PAGE_BYTES] : page.clone();
    }

    /** The base with every write so far. */
    public SparseImage build() {
        long[] numbers = base.pageNumbers();
        byte[][] pages = base.pages();
        long[] outNumbers = new long[numbers.length + touched.size()];
        byte[][] outPages = new byte[outNumbers.length][];
        int n = 0;
        int i = 0;
        for (Map.Entry<Long, byte[]> e : touched.entrySet()) {
            while (i < numbers.length && numbers[i] < e.getKey()) {
                outNumbers[n] = numbers[i];
                outPages[n++] = pages[i++];
            }
            if (i < numbers.length && numbers[i] == e.getKey()) {
                i++; // replaced by the written copy
            }
            if (!SparseImage.isZero(e.getValue())) {
                outNumbers[n] = e.getKey();
                outPages[n++] = e.getValue().clone();
            }
        }
        while (i < numbers.length) {
            outNumbers[n] = numbers[i];
            outPages[n++] = pages[i++];
        }
        return SparseImage.ofPages(base.sectors(), Arrays.copyOf(outNumbers, n), Arrays.copyOf(outPages, n));
    }
}
