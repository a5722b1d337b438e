package dev.snapref.conformance.fault;

import dev.snapref.engine.block.SparseImage;
import dev.snapref.model.Disk;
import dev.snapref.model.Extent;
import dev.snapref.scenario.SectorPattern;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Byte-for-byte comparison of a model disk with an engine image. Every model sector value stands
 * for exact bytes ({@link Disk#bytesAt}), so this compares what the checker's classification
 * cannot tell apart: headers and metadata entries (all "other" to a transcript). Only the sectors
 * either side may hold data in are read (the model's extents, the image's data pages): every other
 * sector is zero on both, so a disk of any size is compared in time proportional to its data.
 */
final class ImageComparison {
    private static final byte[] ZERO = new byte[SectorPattern.SECTOR_SIZE];

    private ImageComparison() {
    }

    /** The first sector where {@code image} differs from {@code model} (or the sizes differ), or empty. */
    static Optional<String> firstDifference(Disk model, SparseImage image) {
        if (image.sectors() != model.sectors()) {
            return Optional.of(model.name() + ": model has " + model.sectors() + " sectors, engine " + image.sectors());
        }
        byte[] got = new byte[SectorPattern.SECTOR_SIZE];
        for (long[] r : ranges(model, image)) {
            for (long s = r[0]; s < r[1]; s++) {
                read(image, s, got);
                byte[] want = model.bytesAt(s);
                if (!Arrays.equals(want, 0, SectorPattern.SECTOR_SIZE, got, 0, SectorPattern.SECTOR_SIZE)) {
                    return Optional.of(describe(model, want, got, s));
                }
            }
        }
        return Optional.empty();
    }

    /** The sorted union of the model's extents and the image's data ranges. */
    private static List<long[]> ranges(Disk model, SparseImage image) {
        List<long[]> all = new ArrayList<>();
        for (Extent e : model.extents()) {
            all.add(new long[] {e.start(), e.end()});
        }
        all.addAll(image.dataRanges());
        all.sort((x, y) -> Long.compare(x[0], y[0]));
        List<long[]> out = new ArrayList<>();
        for (long[] r : all) {
            long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && r[0] <= last[1]) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                out.add(r.clone());
            }
        }
        return out;
    }

    private static void read(SparseImage image, long sector, byte[] into) {
        try {
            image.read(sector, into, 0, 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Disk model, byte[] want, byte[] got, long s) {
        if (Arrays.equals(want, ZERO)) {
            return model.name() + " sector " + s + ": model has zeros, engine " + SectorPattern.classify(got, 0);
        }
        int at = Arrays.mismatch(want, 0, SectorPattern.SECTOR_SIZE, got, 0, SectorPattern.SECTOR_SIZE);
        return model.name() + " sector " + s + " byte " + at + ": model " + SectorPattern.classify(want, 0) + " ("
                + model.valueAt(s) + "), engine " + SectorPattern.classify(got, 0);
    }
}
