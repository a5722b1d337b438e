package dev.snapref.conformance.gen;

import java.util.SplittableRandom;

/**
 * Per-seed geometry and feature switches (swarm testing beyond command weights, issue 14): each
 * seed decides whether its devices have sizes that are not multiples of the chunk size, which
 * family its chunk sizes come from (small ones whose metadata areas fill after a few dozen
 * exceptions, the usual ones, or large ones up to 512 sectors), whether its snapshot tables carry
 * feature arguments, and whether it writes in bulk (writes over hundreds of chunks and reloads of
 * a persistent snapshot from its cow, so areas roll over and a partly filled one is read back).
 *
 * <p>Drawn from a stream of its own ({@link #streamFor}): with every switch off a seed generates
 * exactly the script it generated before these switches existed. Each switch is on for a good
 * share of seeds (unaligned 35%, small chunks 25%, large 20%, features 30%, bulk 35%), so every
 * one is reached in a campaign of a few dozen scripts ({@code GeneratorCoverageTest}).
 */
public record SwarmSettings(boolean unaligned, ChunkFamily chunks, boolean features, boolean bulk) {
    /** The settings in which nothing differs from the historical generator. */
    public static final SwarmSettings CLASSIC = new SwarmSettings(false, ChunkFamily.USUAL, false, false);

    /** Where chunk sizes come from. */
    public enum ChunkFamily {
        /** 1, 2, 4 sectors: a metadata area holds 32, 64, 128 exceptions. */
        SMALL(new long[] {1, 2, 4}),
        /** The historical mix. */
        USUAL(new long[] {8, 8, 16, 16, 32, 4}),
        /** 64 to 512 sectors: chunks larger than many devices, partial last chunks. */
        LARGE(new long[] {64, 128, 256, 512});

        private final long[] sizes;

        ChunkFamily(long[] sizes) {
            this.sizes = sizes;
        }

        long pick(SplittableRandom rnd) {
            return sizes[rnd.nextInt(sizes.length)];
        }
    }

    /** The stream the settings and every choice they make are drawn from, for script seed {@code seed}. */
    static SplittableRandom streamFor(long seed) {
        return new SplittableRandom(seed ^ 0x5EED_0F5A_A11C_E014L);
    }

    /** Draws the settings of one script from its own stream. */
    static SwarmSettings draw(SplittableRandom rnd) {
        boolean unaligned = rnd.nextDouble() < 0.35;
        double c = rnd.nextDouble();
        ChunkFamily family = c < 0.25 ? ChunkFamily.SMALL : c < 0.45 ? ChunkFamily.LARGE : ChunkFamily.USUAL;
        boolean features = rnd.nextDouble() < 0.30;
        boolean bulk = rnd.nextDouble() < 0.35;
        return new SwarmSettings(unaligned, family, features, bulk);
    }

    @Override
    public String toString() {
        return "unaligned=" + unaligned + " chunks=" + chunks.name().toLowerCase() + " features=" + features
                + " bulk=" + bulk;
    }
}
