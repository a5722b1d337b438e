package dev.snapref.conformance.fault;

import dev.snapref.model.Disk;
import dev.snapref.model.Extent;
import dev.snapref.scenario.SectorPattern;
import java.util.Arrays;
import java.util.Optional;

/**
 * Byte-for-byte comparison of a model disk with an engine image. Every model sector value stands
 * for exact bytes ({@link Disk#bytesAt}), so this compares what the checker's classification
 * cannot tell apart: headers and metadata entries (all "other" to a transcript).
 */
final class ImageComparison {
    private static final byte[] ZERO = new byte[SectorPattern.SECTOR_SIZE];

    private ImageComparison() {
    }

    /** The first sector where {@code image} differs from {@code model} (or the sizes differ), or empty. */
    static Optional<String> firstDifference(Disk model, byte[] image) {
        long sectors = image.length / SectorPattern.SECTOR_SIZE;
        if (sectors != model.sectors()) {
            return Optional.of(model.name() + ": model has " + model.sectors() + " sectors, engine " + sectors);
        }
        long next = 0;
        for (Extent e : model.extents()) {
            Optional<String> z = zeros(model.name(), image, next, e.start());
            if (z.isPresent()) {
                return z;
            }
            for (long s = e.start(); s < e.end(); s++) {
                int off = (int) (s * SectorPattern.SECTOR_SIZE);
                if (!Arrays.equals(model.bytesAt(s), 0, SectorPattern.SECTOR_SIZE, image, off,
                        off + SectorPattern.SECTOR_SIZE)) {
                    return Optional.of(describe(model, image, s));
                }
            }
            next = e.end();
        }
        return zeros(model.name(), image, next, sectors);
    }

    private static Optional<String> zeros(String name, byte[] image, long from, long to) {
        for (long s = from; s < to; s++) {
            int off = (int) (s * SectorPattern.SECTOR_SIZE);
            if (!Arrays.equals(ZERO, 0, SectorPattern.SECTOR_SIZE, image, off, off + SectorPattern.SECTOR_SIZE)) {
                return Optional.of(name + " sector " + s + ": model has zeros, engine "
                        + SectorPattern.classify(image, off));
            }
        }
        return Optional.empty();
    }

    private static String describe(Disk model, byte[] image, long s) {
        int off = (int) (s * SectorPattern.SECTOR_SIZE);
        byte[] m = model.bytesAt(s);
        int at = Arrays.mismatch(m, 0, SectorPattern.SECTOR_SIZE, image, off, off + SectorPattern.SECTOR_SIZE);
        return model.name() + " sector " + s + " byte " + at + ": model " + SectorPattern.classify(m, 0) + " ("
                + model.valueAt(s) + "), engine " + SectorPattern.classify(image, off);
    }
}
