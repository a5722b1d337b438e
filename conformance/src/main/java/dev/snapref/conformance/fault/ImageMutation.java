package dev.snapref.conformance.fault;

import dev.snapref.engine.store.DiskFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * One change to a cow image: a 32- or 64-bit little-endian field set to a value, a bit flipped, or
 * the image cut to a length. Base images are written here from the on-disk format (header, then
 * exceptions allocated in order, skipping metadata chunks) independently of the engine's store.
 *
 * @param kind   {@code le32}, {@code le64}, {@code flip} or {@code truncate}
 * @param offset byte offset (for {@code truncate}: the new length)
 * @param value  the value written (for {@code flip}: the bit number 0..7)
 * @param what   what the field is, for the reproducer ("header.chunk_size", "area 0 entry 3 new")
 */
public record ImageMutation(String kind, long offset, long value, String what) {
    private static final int SECTOR = 512;

    @Override
    public String toString() {
        return kind + " " + what + " @" + offset + (kind.equals("truncate") ? "" : " = " + Long.toUnsignedString(value));
    }

    /**
     * A valid image: chunk size 1, 2, 4 or 8 sectors, 0..3 areas' worth of exceptions laid out by
     * {@link ImageRuns} (for some seeds with upward and downward runs, rarely one the kernel BUG_ONs
     * on), some free chunks after.
     */
    static byte[] base(Random rnd) {
        long chunk = 1L << rnd.nextInt(4);
        long e = DiskFormat.exceptionsPerArea(chunk);
        int n = rnd.nextInt((int) (3 * e) + 1);
        if (rnd.nextBoolean()) {
            n = Math.min(n, (int) e + rnd.nextInt(3) - 1);
        }
        List<long[]> exceptions = ImageRuns.entries(rnd, n, e);
        long next = 2;
        for (long[] x : exceptions) {
            next = Math.max(next, (x[1] & 0x00FF_FFFF_FFFF_FFFFL) + 1);
        }
        if (DiskFormat.isAreaChunk(e, next)) {
            next++;
        }
        long areas = n / e + 1;
        long chunks = Math.max(next, DiskFormat.areaLocation(e, areas - 1) + 1) + rnd.nextInt(4);
        byte[] img = new byte[(int) (chunks * chunk * SECTOR)];
        DiskFormat.putLe32(img, 0, DiskFormat.MAGIC);
        DiskFormat.putLe32(img, 4, 1);
        DiskFormat.putLe32(img, 8, DiskFormat.VERSION);
        DiskFormat.putLe32(img, 12, (int) chunk);
        for (int i = 0; i < n; i++) {
            long at = DiskFormat.areaLocation(e, i / e) * chunk * SECTOR + (i % e) * DiskFormat.ENTRY_BYTES;
            DiskFormat.putLe64(img, (int) at, exceptions.get(i)[0]);
            DiskFormat.putLe64(img, (int) at + 8, exceptions.get(i)[1]);
        }
        return img;
    }

    /** 1..3 mutations aimed at the header, the entries, the terminator, the size. */
    static List<ImageMutation> draw(Random rnd, byte[] base) {
        long chunk = DiskFormat.le32(base, 12);
        long e = DiskFormat.exceptionsPerArea(chunk);
        long chunkBytes = chunk * SECTOR;
        long chunks = base.length / chunkBytes;
        int count = 1 + rnd.nextInt(3);
        List<ImageMutation> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            switch (rnd.nextInt(6)) {
                case 0 -> {
                    int field = rnd.nextInt(4);
                    long[] values = {0, 1, 2, 3, 0xFFFF_FFFFL, 1L << rnd.nextInt(32), rnd.nextInt() & 0xFFFF_FFFFL,
                            DiskFormat.MAGIC & 0xFFFF_FFFFL, chunk * 2, Math.max(1, chunk / 2)};
                    String[] names = {"header.magic", "header.valid", "header.version", "header.chunk_size"};
                    out.add(new ImageMutation("le32", field * 4L, values[rnd.nextInt(values.length)], names[field]));
                }
                case 1, 2 -> {
                    long area = rnd.nextInt(3);
                    long entry = rnd.nextInt((int) Math.min(e, 40));
                    boolean isNew = rnd.nextBoolean();
                    long[] values = {0, 1, DiskFormat.areaLocation(e, rnd.nextInt(3)), chunks, chunks + rnd.nextInt(100),
                            -1L, 2 + rnd.nextInt((int) Math.max(1, chunks)), rnd.nextLong()};
                    long off = DiskFormat.areaLocation(e, area) * chunkBytes + entry * DiskFormat.ENTRY_BYTES + (isNew ? 8 : 0);
                    out.add(new ImageMutation("le64", off, values[rnd.nextInt(values.length)],
                            "area " + area + " entry " + entry + (isNew ? " new" : " old")));
                }
                case 3 -> {
                    long area = rnd.nextInt(2);
                    long off = DiskFormat.areaLocation(e, area) * chunkBytes;
                    int firstZero = 0;
                    while (firstZero < e && off + firstZero * 16L + 16 <= base.length
                            && DiskFormat.le64(base, (int) (off + firstZero * 16L + 8)) != 0) {
                        firstZero++;
                    }
                    out.add(new ImageMutation("le64", off + firstZero * 16L + 8, 2 + rnd.nextInt(8),
                            "area " + area + " terminator (entry " + firstZero + " new)"));
                }
                case 4 -> {
                    long[] lengths = {SECTOR, chunkBytes, 2 * chunkBytes - SECTOR, 2 * chunkBytes,
                            base.length - SECTOR, base.length - chunkBytes, rnd.nextInt(base.length) + 1L,
                            base.length + chunkBytes};
                    out.add(new ImageMutation("truncate", Math.max(SECTOR, lengths[rnd.nextInt(lengths.length)]), 0,
                            "image length"));
                }
                default -> out.add(new ImageMutation("flip", rnd.nextInt((int) Math.min(base.length, 2 * chunkBytes + 64)),
                        rnd.nextInt(8), "bit"));
            }
        }
        return out;
    }

    /** The image with the mutations applied in order (fields beyond the end are skipped). */
    static byte[] apply(byte[] base, List<ImageMutation> muts) {
        byte[] img = base.clone();
        for (ImageMutation m : muts) {
            switch (m.kind) {
                case "truncate" -> img = Arrays.copyOf(img, (int) m.offset);
                case "flip" -> {
                    if (m.offset < img.length) {
                        img[(int) m.offset] ^= (byte) (1 << m.value);
                    }
                }
                case "le32" -> {
                    if (m.offset + 4 <= img.length) {
                        DiskFormat.putLe32(img, (int) m.offset, (int) m.value);
                    }
                }
                default -> {
                    if (m.offset + 8 <= img.length) {
                        DiskFormat.putLe64(img, (int) m.offset, m.value);
                    }
                }
            }
        }
        return img;
    }
}
