package dev.snapref.engine.block;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable raw disk image kept sparse: a size in sectors and the 4 KiB pages that hold a
 * non-zero byte, sorted by page number; every other byte is zero. It is what a harness moves
 * around instead of a {@code byte[]} of the whole device (end-of-script images, {@code run
 * --keep-disks}, fault and crash images, cow images to dump or check), so devices of any size up to
 * 2^63 bytes cost memory in proportion to the data they hold. As a {@link BlockDevice} it is
 * read-only: a write fails with an {@link IOException}.
 *
 * <p><b>Guarantees.</b> Two images are {@link #equals equal} exactly when they have the same size
 * and the same bytes (all-zero pages are never kept, so equal content means equal page lists).
 * {@link #writeTo(Path)} writes a sparse file: only the data pages are written, the rest is a hole
 * of the file system. Thread-safe (immutable; {@link #read} copies out).
 *
 * <p><b>Limits.</b> A page costs 4 KiB plus 24 bytes of index even when only one of its sectors
 * holds data. {@link #read(Path)} of a file reads the whole file (Java has no {@code SEEK_DATA}),
 * so its time grows with the file's size, its memory only with the data; {@link #toByteArray} is
 * for images below 2 GiB.
 */
public final class SparseImage implements BlockDevice {
    /** Page size in sectors (4 KiB pages). */
    public static final int PAGE_SECTORS = 8;
    private static final int PAGE_BYTES = PAGE_SECTORS * SECTOR_SIZE;
    private static final byte[] ZERO_PAGE = new byte[PAGE_BYTES];

    private final long sectors;
    /** Numbers of the pages holding data, ascending. */
    private final long[] pageNumbers;
    /** The data pages, {@value #PAGE_BYTES} bytes each, in {@link #pageNumbers} order; never all zero. */
    private final byte[][] pages;

    private SparseImage(long sectors, long[] pageNumbers, byte[][] pages) {
        this.sectors = sectors;
        this.pageNumbers = pageNumbers;
        this.pages = pages;
        assert sorted() : "page numbers ascending, inside the image, pages not zero";
    }

    /** The image of sorted, non-zero pages (the caller hands them over and never changes them). */
    static SparseImage ofPages(long sectors, long[] pageNumbers, byte[][] pages) {
        return new SparseImage(sectors, pageNumbers, pages);
    }

    /** The data page {@code pageNo} (shared, never to be changed), or null when it is zero. */
    byte[] page(long pageNo) {
        int i = Arrays.binarySearch(pageNumbers, pageNo);
        return i >= 0 ? pages[i] : null;
    }

    long[] pageNumbers() {
        return pageNumbers;
    }

    byte[][] pages() {
        return pages;
    }

    static boolean isZero(byte[] page) {
        return Arrays.equals(page, ZERO_PAGE);
    }

    /** An all-zero image of {@code sectors} sectors. */
    public static SparseImage zeroed(long sectors) {
        if (sectors < 0) {
            throw new IllegalArgumentException("negative size");
        }
        return new SparseImage(sectors, new long[0], new byte[0][]);
    }

    /**
     * The image of {@code bytes}; a length that is not a whole number of sectors is padded with
     * zeros to the next sector (read {@code bytes.length} from elsewhere when it matters).
     */
    public static SparseImage of(byte[] bytes) {
        Builder b = new Builder();
        for (int off = 0; off < bytes.length; off += PAGE_BYTES) {
            b.page(off / PAGE_BYTES, bytes, off, Math.min(PAGE_BYTES, bytes.length - off));
        }
        return b.build((bytes.length + SECTOR_SIZE - 1L) / SECTOR_SIZE);
    }

    /**
     * The current content of {@code dev}: of a {@link MemoryBlockDevice} only its allocated pages
     * are read (time and memory in proportion to its data); of any other device every sector.
     * Not atomic against concurrent writes.
     */
    public static SparseImage of(BlockDevice dev) {
        List<long[]> ranges = BlockDevices.dataRanges(dev);
        Builder b = new Builder();
        byte[] buf = new byte[PAGE_BYTES];
        try {
            for (long[] r : ranges) {
                for (long page = r[0] / PAGE_SECTORS; page * PAGE_SECTORS < r[1]; page++) {
                    long first = page * PAGE_SECTORS;
                    int count = (int) Math.min(PAGE_SECTORS, dev.sectors() - first);
                    dev.read(first, buf, 0, count);
                    b.page(page, buf, 0, count * SECTOR_SIZE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.build(dev.sectors());
    }

    /** The image in raw file {@code file} (its length rounded down to whole sectors). */
    public static SparseImage read(Path file) throws IOException {
        try (FileBlockDevice dev = FileBlockDevice.openReadOnly(file)) {
            return readPieces(dev);
        }
    }

    /**
     * The image of everything {@code in} holds up to its end, read page by page (a gunzipped
     * image, say); a length that is not a whole number of sectors is padded with zeros.
     */
    public static SparseImage read(InputStream in) throws IOException {
        Builder b = new Builder();
        byte[] buf = new byte[PAGE_BYTES];
        long bytes = 0;
        for (long page = 0; ; page++) {
            int n = in.readNBytes(buf, 0, PAGE_BYTES);
            b.page(page, buf, 0, n);
            bytes += n;
            if (n < PAGE_BYTES) {
                return b.build((bytes + SECTOR_SIZE - 1) / SECTOR_SIZE);
            }
        }
    }

    private static SparseImage readPieces(BlockDevice dev) throws IOException {
        Builder b = new Builder();
        byte[] buf = new byte[256 * PAGE_BYTES];
        for (long first = 0; first < dev.sectors(); first += buf.length / SECTOR_SIZE) {
            int count = (int) Math.min(buf.length / SECTOR_SIZE, dev.sectors() - first);
            dev.read(first, buf, 0, count);
            for (int off = 0; off < count * SECTOR_SIZE; off += PAGE_BYTES) {
                b.page(first / PAGE_SECTORS + off / PAGE_BYTES, buf, off, Math.min(PAGE_BYTES, count * SECTOR_SIZE - off));
            }
        }
        return b.build(dev.sectors());
    }

    @Override
    public long sectors() {
        return sectors;
    }

    /** Size in bytes. */
    public long bytes() {
        return sectors * SECTOR_SIZE;
    }

    /** Number of 4 KiB pages holding data (the image's memory, in pages). */
    public int dataPages() {
        return pages.length;
    }

    /**
     * Sector ranges ({@code {start, end}}, end exclusive, sorted, joined) outside which every
     * sector is zero: the data pages, clipped to the image.
     */
    public List<long[]> dataRanges() {
        List<long[]> out = new ArrayList<>();
        for (long p : pageNumbers) {
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

    @Override
    public void read(long sector, byte[] dst, int off, int count) throws IOException {
        BlockDevice.checkRange(sector, count, sectors);
        int done = 0;
        while (done < count) {
            long s = sector + done;
            int inPage = (int) (s % PAGE_SECTORS);
            int n = Math.min(count - done, PAGE_SECTORS - inPage);
            int i = Arrays.binarySearch(pageNumbers, s / PAGE_SECTORS);
            byte[] page = i >= 0 ? pages[i] : ZERO_PAGE;
            System.arraycopy(page, inPage * SECTOR_SIZE, dst, off + done * SECTOR_SIZE, n * SECTOR_SIZE);
            done += n;
        }
    }

    /** Always fails: an image is read-only. */
    @Override
    public void write(long sector, byte[] src, int off, int count, boolean fua) throws IOException {
        throw new IOException("a sparse image is read-only");
    }

    @Override
    public void flush() {
        // nothing to make durable
    }

    /** The whole image as one array. */
    public byte[] toByteArray() {
        if (bytes() > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("image of " + bytes() + " bytes is too large for a byte[]");
        }
        byte[] out = new byte[(int) bytes()];
        for (int i = 0; i < pages.length; i++) {
            long at = pageNumbers[i] * PAGE_BYTES;
            System.arraycopy(pages[i], 0, out, (int) at, (int) Math.min(PAGE_BYTES, out.length - at));
        }
        return out;
    }

    /**
     * Writes the image to {@code file} (created or truncated) as a sparse file: the data pages at
     * their offsets, then the length set to {@link #bytes()}, so the zeros between are holes.
     */
    public void writeTo(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < pages.length; i++) {
                long at = pageNumbers[i] * PAGE_BYTES;
                ByteBuffer buf = ByteBuffer.wrap(pages[i], 0, (int) Math.min(PAGE_BYTES, bytes() - at));
                while (buf.hasRemaining()) {
                    at += ch.write(buf, at);
                }
            }
            if (ch.size() < bytes()) {
                ch.write(ByteBuffer.wrap(new byte[1]), bytes() - 1); // the length; a hole up to it
            }
        }
    }

    /** Writes every byte of the image, zeros included, to {@code out} (for compressed copies). */
    public void writeTo(OutputStream out) throws IOException {
        int i = 0;
        for (long page = 0; page * PAGE_SECTORS < sectors; page++) {
            int n = (int) Math.min(PAGE_SECTORS, sectors - page * PAGE_SECTORS) * SECTOR_SIZE;
            boolean data = i < pages.length && pageNumbers[i] == page;
            out.write(data ? pages[i++] : ZERO_PAGE, 0, n);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SparseImage other)) {
            return false;
        }
        return sectors == other.sectors && Arrays.equals(pageNumbers, other.pageNumbers)
                && Arrays.deepEquals(pages, other.pages);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sectors) * 31 + Arrays.hashCode(pageNumbers);
    }

    @Override
    public String toString() {
        return "SparseImage[" + sectors + " sectors, " + pages.length + " data pages]";
    }

    private boolean sorted() {
        for (int i = 0; i < pageNumbers.length; i++) {
            if (i > 0 && pageNumbers[i] <= pageNumbers[i - 1] || pageNumbers[i] * PAGE_SECTORS >= sectors
                    || Arrays.equals(pages[i], ZERO_PAGE)) {
                return false;
            }
        }
        return true;
    }

    /** Collects pages in ascending order, dropping all-zero ones. */
    private static final class Builder {
        private long[] numbers = new long[16];
        private final List<byte[]> pages = new ArrayList<>();

        /** Page {@code page} holds {@code len} bytes of {@code src} from {@code off}, zeros after. */
        void page(long page, byte[] src, int off, int len) {
            if (Arrays.equals(src, off, off + len, ZERO_PAGE, 0, len)) {
                return;
            }
            assert pages.isEmpty() || numbers[pages.size() - 1] < page : "pages in ascending order";
            byte[] p = new byte[PAGE_BYTES];
            System.arraycopy(src, off, p, 0, len);
            if (pages.size() == numbers.length) {
                numbers = Arrays.copyOf(numbers, numbers.length * 2);
            }
            numbers[pages.size()] = page;
            pages.add(p);
        }

        SparseImage build(long sectors) {
            return new SparseImage(sectors, Arrays.copyOf(numbers, pages.size()), pages.toArray(new byte[0][]));
        }
    }
}
