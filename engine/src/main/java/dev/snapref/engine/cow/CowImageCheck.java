package dev.snapref.engine.cow;

import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.block.FileBlockDevice;
import dev.snapref.engine.block.SparseImage;
import dev.snapref.engine.store.ChunkSize;
import dev.snapref.engine.store.DiskFormat;
import dev.snapref.engine.util.LongLongMap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a raw persistent-store cow image: magic, version, chunk size, terminator, duplicate or
 * out-of-range chunks, exceptions pointing at metadata chunks, entries out of allocation order. An all-zero header (a cow never
 * used) is reported as fine. Never throws on corrupt content.
 */
public final class CowImageCheck {
    /**
     * Words of the problem reported for an entry whose new chunk is not above the previous
     * entry's: exceptions reach the store in allocation order (230c83afdd9c), and allocation
     * only moves forward, so the entries' new chunks increase.
     */
    public static final String OUT_OF_ORDER = "out of allocation order";

    /** Words of the problem reported for an exception placed on a metadata area's chunk (CVE-2013-4299). */
    public static final String ON_METADATA = "is a metadata chunk";

    private CowImageCheck() {
    }

    /**
     * The verdict.
     *
     * @param ok       no problem found
     * @param problems every problem found, in the order checked; the first one is the reason
     */
    public record Result(boolean ok, List<String> problems) {
        /** The first problem, or "ok". */
        public String reason() {
            return ok ? "ok" : problems.get(0);
        }
    }

    /** The verdict on raw image file {@code image}, reading only its header and metadata areas. */
    public static Result check(Path image) throws IOException {
        try (FileBlockDevice dev = FileBlockDevice.openReadOnly(image)) {
            return check(dev, Files.size(image));
        }
    }

    /** The verdict on an image held in memory. */
    public static Result check(byte[] image) {
        return check(SparseImage.of(image), image.length);
    }

    /**
     * The verdict on an image of {@code imageBytes} bytes read through {@code image} (see {@link
     * CowImageDump#of(BlockDevice, long)}): time and memory grow with the exceptions, not with the
     * image's size.
     */
    public static Result check(BlockDevice image, long imageBytes) {
        List<String> p = new ArrayList<>();
        CowHeader h = CowHeader.read(image, imageBytes);
        if (imageBytes < 512) {
            p.add("image smaller than one sector");
            return new Result(false, p);
        }
        if (h.magic() == 0) {
            return new Result(true, p); // never initialised: the kernel would create a new snapshot
        }
        if (!h.hasSnapshotMagic()) {
            p.add(String.format("bad magic 0x%08x (expected SnAp)", h.magic()));
            return new Result(false, p);
        }
        if (h.version() != DiskFormat.VERSION) {
            p.add("unsupported version " + h.version());
        }
        Optional<String> chunkErr = ChunkSize.invalidReason(h.chunkSize(), 1);
        if (chunkErr.isPresent()) {
            p.add("invalid chunk size " + h.chunkSize() + ": " + chunkErr.get());
            return new Result(false, p);
        }
        if (h.valid() != 0 && h.valid() != 1) {
            p.add("valid flag " + h.valid() + " is neither 0 nor 1");
        }
        long chunkBytes = h.chunkSize() * 512;
        long chunks = imageBytes / chunkBytes;
        long e = DiskFormat.exceptionsPerArea(h.chunkSize());
        if (chunks < 2) {
            p.add("image too small for header and metadata area 0");
            return new Result(false, p);
        }
        checkEntries(CowImageDump.of(image, imageBytes), chunks, e, p);
        return new Result(p.isEmpty(), List.copyOf(p));
    }

    /**
     * The exception entries of every area: a terminated last area, new chunks strictly increasing
     * (allocation order), on the image and off metadata chunks, no old or new chunk twice.
     */
    private static void checkEntries(CowImageDump dump, long chunks, long e, List<String> p) {
        List<CowArea> areas = dump.areas();
        CowArea last = areas.isEmpty() ? null : areas.get(areas.size() - 1);
        if (last == null || last.full()) {
            long next = last == null ? 0 : last.index() + 1;
            p.add("no terminator: metadata area " + next + " (chunk " + DiskFormat.areaLocation(e, next)
                    + ") lies beyond the end of the image");
        }
        LongLongMap olds = new LongLongMap();
        LongLongMap news = new LongLongMap();
        long previous = -1;
        for (CowArea a : areas) {
            for (CowException x : a.exceptions()) {
                checkEntry(a, x, previous, chunks, e, olds, news, p);
                previous = x.newChunk();
                olds.put(x.oldChunk(), x.newChunk());
                news.put(x.newChunk(), x.oldChunk());
            }
        }
    }

    private static void checkEntry(CowArea a, CowException x, long previous, long chunks, long e, LongLongMap olds,
                                   LongLongMap news, List<String> p) {
        String where = "area " + a.index() + " entry " + x.index();
        long nc = x.newChunk();
        if (previous >= 0 && Long.compareUnsigned(nc, previous) <= 0) {
            p.add(where + ": new chunk " + Long.toUnsignedString(nc) + " " + OUT_OF_ORDER + " (after "
                    + Long.toUnsignedString(previous) + ")");
        }
        if (Long.compareUnsigned(nc, chunks) >= 0) {
            p.add(where + ": new chunk " + Long.toUnsignedString(nc) + " beyond the image (" + chunks + " chunks)");
        } else if (DiskFormat.isAreaChunk(e, nc)) {
            p.add(where + ": new chunk " + nc + " " + ON_METADATA);
        }
        if (olds.containsKey(x.oldChunk())) {
            p.add(where + ": duplicate old chunk " + Long.toUnsignedString(x.oldChunk()));
        }
        if (news.containsKey(nc)) {
            p.add(where + ": duplicate new chunk " + Long.toUnsignedString(nc));
        }
    }
}
