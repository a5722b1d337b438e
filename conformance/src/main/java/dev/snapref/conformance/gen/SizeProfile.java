package dev.snapref.conformance.gen;

import java.util.SplittableRandom;

/**
 * The disk sizes generated scripts use. {@link #SMALL} (the default) keeps origins at 256 to 4096
 * sectors and cows at 24 to 1024, where chunks collide, areas fill and cows overflow within a few
 * dozen commands. {@link #LVM} gives every script the sizes real LVM volumes have: origins of
 * 1 GiB to 512 TiB, cows of 1 MiB to 4 GiB (and now and then a tiny one that overflows), with the
 * script's I/O gathered around a few hot spots (the start, the middle, the end and one random
 * place) so that chunks are still written twice. {@link #SWARM} draws per script: about one
 * script in four gets LVM sizes (swarm testing: a seed either dwells on large devices or not).
 *
 * <p>Guarantees: {@link #SMALL} draws exactly what the generator drew before this option existed,
 * so old seeds give the same scripts. Limits: LVM-sized scripts cost the targets memory only for the
 * chunks written (sparse devices and images); a read is at most 64 sectors.
 */
public enum SizeProfile {
    SMALL, LVM, SWARM;

    /** Origin sizes in sectors for LVM-sized scripts: 1 GiB, 64 GiB, 1 TiB, 512 TiB. */
    static final long[] LVM_ORIGINS = {1L << 21, 1L << 27, 1L << 31, 1L << 40};
    /** Cow sizes in sectors for LVM-sized scripts: 64 sectors (overflows), 1 MiB, 64 MiB, 1 GiB, 4 GiB. */
    static final long[] LVM_COWS = {64, 1L << 11, 1L << 17, 1L << 21, 1L << 23};

    /** Whether the script drawing from {@code rnd} gets LVM sizes (draws nothing for {@link #SMALL}). */
    boolean large(SplittableRandom rnd) {
        return switch (this) {
            case SMALL -> false;
            case LVM -> true;
            case SWARM -> rnd.nextInt(4) == 0;
        };
    }

    /** The option's word: {@code small}, {@code lvm}, {@code swarm}. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
