package dev.snapref.conformance.gen;

import java.util.SplittableRandom;

/**
 * The device sizes, chunk sizes and feature arguments of one generated script under its
 * {@link SwarmSettings}: every choice is made from the settings' own stream, and with
 * {@link SwarmSettings#CLASSIC} every method returns its argument (so the script is the
 * historical one).
 *
 * <ul>
 * <li>unaligned: the origin and each cow get 1 to 31 (cow: 1 to 15) sectors more than the
 *     historical size, so sizes are no multiple of any chunk size above 1;</li>
 * <li>chunk family: small (1-4 sectors) or large (64-512 sectors) instead of the usual ones;</li>
 * <li>bulk with small chunks: an origin of 4096 sectors and cows of 1600, room for three
 *     metadata areas of 4-sector chunks (128 exceptions each) and more for smaller chunks; bulk
 *     with large chunks: cows of 1024-4096 sectors;</li>
 * <li>features: a third of snapshot tables carry feature arguments, valid ({@code 1
 *     discard_zeroes_cow}, {@code 2 discard_zeroes_cow discard_passdown_origin}, in either order,
 *     any case) or not (passdown alone, a count that does not match, an unknown feature).</li>
 * </ul>
 */
final class Shapes {
    private static final String[] FEATURES = {
        " 1 discard_zeroes_cow", " 2 discard_zeroes_cow discard_passdown_origin",
        " 2 discard_passdown_origin discard_zeroes_cow", " 1 DISCARD_ZEROES_COW", " 0",
        " 1 discard_passdown_origin", " 3 discard_zeroes_cow", " 1 discard_everything",
        " 2 discard_zeroes_cow discard_zeroes_cow", " x discard_zeroes_cow",
    };

    private final SwarmSettings settings;
    private final SplittableRandom rnd;

    Shapes(SwarmSettings settings, SplittableRandom rnd) {
        this.settings = settings;
        this.rnd = rnd;
    }

    SwarmSettings settings() {
        return settings;
    }

    /** The origin's size, from the historical choice {@code base}. */
    long originSize(long base) {
        long size = settings.bulk() && settings.chunks() == SwarmSettings.ChunkFamily.SMALL ? Math.max(base, 4096) : base;
        return settings.unaligned() ? size + 1 + rnd.nextInt(31) : size;
    }

    /** A cow's size, from the historical choice {@code base}. */
    long cowSize(long base) {
        long size = base;
        if (settings.bulk() && settings.chunks() == SwarmSettings.ChunkFamily.SMALL) {
            size = 1600;
        } else if (settings.bulk() && settings.chunks() == SwarmSettings.ChunkFamily.LARGE) {
            size = 1024L << rnd.nextInt(3);
        }
        return settings.unaligned() ? size + 1 + rnd.nextInt(15) : size;
    }

    /** A table's chunk size, from the historical choice {@code base}. */
    long chunk(long base) {
        return settings.chunks() == SwarmSettings.ChunkFamily.USUAL ? base : settings.chunks().pick(rnd);
    }

    /** Feature arguments to append to a snapshot table (often none). */
    String features() {
        if (!settings.features() || rnd.nextInt(3) != 0) {
            return "";
        }
        return FEATURES[rnd.nextInt(FEATURES.length)];
    }

    /** The stream bulk commands draw from. */
    SplittableRandom rnd() {
        return rnd;
    }
}
