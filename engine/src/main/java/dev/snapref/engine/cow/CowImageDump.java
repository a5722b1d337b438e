package dev.snapref.engine.cow;

import dev.snapref.engine.store.ChunkSize;
import dev.snapref.engine.store.DiskFormat;

import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.block.FileBlockDevice;
import dev.snapref.engine.block.SparseImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a raw persistent-store cow image (for example a kernel image after gunzip) the way the
 * kernel's read_exceptions walks it: header, then metadata areas 0, 1, ... until an area is not
 * full, or until the next area lies beyond the image. Never throws on corrupt content: what cannot
 * be read is simply not listed (use {@link CowImageCheck} for a verdict).
 */
public final class CowImageDump {
    /** Metadata is read in pieces of this many bytes (a multiple of the sector size). */
    private static final int AREA_PIECE = 32 << 10;
    private final long imageBytes;
    private final CowHeader header;
    private final List<CowArea> areas;

    private CowImageDump(long imageBytes, CowHeader header, List<CowArea> areas) {
        this.imageBytes = imageBytes;
        this.header = header;
        this.areas = areas;
    }

    /** The dump of raw image file {@code image}, reading only its header and metadata areas. */
    public static CowImageDump of(Path image) throws IOException {
        try (FileBlockDevice dev = FileBlockDevice.openReadOnly(image)) {
            return of(dev, Files.size(image));
        }
    }

    /** The dump of an image held in memory. */
    public static CowImageDump of(byte[] image) {
        return of(SparseImage.of(image), image.length);
    }

    /**
     * Why {@code image} is no persistent cow image at all (too short for a header, a non-zero
     * magic that is not {@code SnAp}, an invalid chunk size), as {@code thin_dump} refuses
     * garbage; empty when it is one (a zero header included: a cow the kernel would initialise).
     */
    public static Optional<String> notACowImage(byte[] image) {
        return notACowImage(SparseImage.of(image), image.length);
    }

    /**
     * {@link #notACowImage(byte[])} of an image of {@code imageBytes} bytes read through
     * {@code image} (a device of at least one sector when {@code imageBytes >= 16}).
     */
    public static Optional<String> notACowImage(BlockDevice image, long imageBytes) {
        if (imageBytes < 512) {
            return Optional.of("image smaller than one sector (" + imageBytes + " bytes)");
        }
        CowHeader h = CowHeader.read(image, imageBytes);
        if (h.magic() == 0) {
            return Optional.empty();
        }
        if (!h.hasSnapshotMagic()) {
            return Optional.of(String.format("bad magic 0x%08x (a persistent cow starts with SnAp, 0x%08x)",
                    h.magic(), DiskFormat.MAGIC));
        }
        return ChunkSize.invalidReason(h.chunkSize(), 1).map(r -> "invalid chunk size " + h.chunkSize() + ": " + r);
    }

    /**
     * The dump of an image of {@code imageBytes} bytes read through {@code image} (a device of at
     * least one sector when {@code imageBytes >= 16}; past {@code imageBytes} nothing is read).
     * Reads the header and the metadata areas up to the first one that is not full, in pieces of
     * at most 32 KiB: time and memory grow with the exceptions, not with the image's size. A read
     * that fails ends the walk as the image's end would.
     */
    public static CowImageDump of(BlockDevice image, long imageBytes) {
        CowHeader h = CowHeader.read(image, imageBytes);
        List<CowArea> areas = new ArrayList<>();
        if (h.hasSnapshotMagic() && ChunkSize.invalidReason(h.chunkSize(), 1).isEmpty()) {
            long e = DiskFormat.exceptionsPerArea(h.chunkSize());
            for (long i = 0; ; i++) {
                long chunk = DiskFormat.areaLocation(e, i);
                Optional<CowArea> area = readArea(image, imageBytes, h.chunkSize(), e, i, chunk);
                if (area.isEmpty()) {
                    break;
                }
                areas.add(area.get());
                if (!area.get().full()) {
                    break;
                }
            }
        }
        return new CowImageDump(imageBytes, h, List.copyOf(areas));
    }

    /** Area {@code index} at {@code chunk}, or empty when it does not lie wholly inside the image. */
    private static Optional<CowArea> readArea(BlockDevice image, long imageBytes, long chunkSize, long e, long index,
                                              long chunk) {
        long chunkBytes = chunkSize * 512;
        if (chunk > (imageBytes - chunkBytes) / chunkBytes || imageBytes < chunkBytes) {
            return Optional.empty();
        }
        byte[] piece = new byte[(int) Math.min(chunkBytes, AREA_PIECE)];
        List<CowException> ex = new ArrayList<>();
        long pieceStart = -1;
        for (int k = 0; k < e; k++) {
            long at = (long) k * DiskFormat.ENTRY_BYTES;
            if (pieceStart < 0 || at >= pieceStart + piece.length) {
                pieceStart = at;
                try {
                    image.read(chunk * chunkSize + at / 512, piece, 0, piece.length / 512);
                } catch (IOException failed) {
                    return Optional.empty();
                }
            }
            int p = (int) (at - pieceStart);
            long oldChunk = DiskFormat.le64(piece, p);
            long newChunk = DiskFormat.le64(piece, p + 8);
            if (newChunk == 0) {
                return Optional.of(new CowArea(index, chunk, List.copyOf(ex), false));
            }
            ex.add(new CowException(k, oldChunk, newChunk));
        }
        return Optional.of(new CowArea(index, chunk, List.copyOf(ex), true));
    }

    public CowHeader header() {
        return header;
    }

    public List<CowArea> areas() {
        return areas;
    }

    public long imageBytes() {
        return imageBytes;
    }

    /** All exceptions in on-disk order. */
    public List<CowException> exceptions() {
        List<CowException> out = new ArrayList<>();
        for (CowArea a : areas) {
            out.addAll(a.exceptions());
        }
        return out;
    }

    /** Human-readable dump. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("image: ").append(imageBytes).append(" bytes (").append(imageBytes / 512).append(" sectors)\n");
        sb.append(String.format("header: magic 0x%08x%s valid %d version %d chunk_size %d%n", header.magic(),
                header.hasSnapshotMagic() ? " (SnAp)" : header.magic() == 0 ? " (none)" : " (bad)",
                header.valid(), header.version(), header.chunkSize()));
        if (header.hasSnapshotMagic() && header.chunkSize() > 0) {
            sb.append("exceptions_per_area: ").append(DiskFormat.exceptionsPerArea(header.chunkSize())).append('\n');
        }
        for (CowArea a : areas) {
            sb.append("area ").append(a.index()).append(" at chunk ").append(a.chunk()).append(": ")
                    .append(a.exceptions().size()).append(a.full() ? " exceptions (full)\n" : " exceptions\n");
            for (CowException e : a.exceptions()) {
                sb.append("  [").append(e.index()).append("] old ").append(Long.toUnsignedString(e.oldChunk()))
                        .append(" -> new ").append(Long.toUnsignedString(e.newChunk())).append('\n');
            }
        }
        return sb.toString();
    }

    /** JSON dump: {"imageBytes":..,"header":{..},"areas":[{"index":..,"chunk":..,"full":..,"exceptions":[{"old":..,"new":..}]}]}. */
    public String toJson() {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"imageBytes\":").append(imageBytes);
        sb.append(",\"header\":{\"magic\":").append(header.magic() & 0xFFFF_FFFFL)
                .append(",\"snapshotMagic\":").append(header.hasSnapshotMagic())
                .append(",\"valid\":").append(header.valid())
                .append(",\"version\":").append(header.version())
                .append(",\"chunkSize\":").append(header.chunkSize()).append('}');
        sb.append(",\"areas\":[");
        for (int i = 0; i < areas.size(); i++) {
            CowArea a = areas.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"index\":").append(a.index()).append(",\"chunk\":").append(a.chunk())
                    .append(",\"full\":").append(a.full()).append(",\"exceptions\":[");
            for (int k = 0; k < a.exceptions().size(); k++) {
                CowException e = a.exceptions().get(k);
                if (k > 0) {
                    sb.append(',');
                }
                sb.append("{\"old\":").append(Long.toUnsignedString(e.oldChunk())).append(",\"new\":")
                        .append(Long.toUnsignedString(e.newChunk())).append('}');
            }
            sb.append("]}");
        }
        sb.append("]}");
        return sb.toString();
    }
}
