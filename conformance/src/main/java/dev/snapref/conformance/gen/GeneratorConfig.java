package dev.snapref.conformance.gen;

import java.util.Objects;

/**
 * Bounds of generated scripts.
 *
 * @param minSteps the fewest random commands after the set-up lines
 * @param maxSteps the most random commands after the set-up lines
 * @param shapes   whether each seed draws {@link SwarmSettings} (unaligned sizes, chunk families,
 *                 features, bulk mode); without them every seed gives its historical script
 * @param sizes    the disk sizes scripts use ({@link SizeProfile#SMALL} by default)
 */
public record GeneratorConfig(int minSteps, int maxSteps, boolean shapes, SizeProfile sizes) {
    public GeneratorConfig {
        if (minSteps < 0 || maxSteps < minSteps) {
            throw new IllegalArgumentException("need 0 <= minSteps <= maxSteps");
        }
        Objects.requireNonNull(sizes, "sizes");
    }

    /** Small disks ({@link SizeProfile#SMALL}), swarm settings as given. */
    public GeneratorConfig(int minSteps, int maxSteps, boolean shapes) {
        this(minSteps, maxSteps, shapes, SizeProfile.SMALL);
    }

    /**
     * Bounds with the swarm settings off (the historical scripts: what benchmarks, the fault modes
     * and tests written before issue 14 expect); {@link #defaults()} and {@link #withShapes} have
     * them on.
     */
    public GeneratorConfig(int minSteps, int maxSteps) {
        this(minSteps, maxSteps, false);
    }

    /** The gate's and {@code snapref fuzz}'s bounds: 5 to 40 steps, swarm settings on. */
    public static GeneratorConfig defaults() {
        return withShapes(5, 40);
    }

    /** Bounds with the swarm settings on. */
    public static GeneratorConfig withShapes(int minSteps, int maxSteps) {
        return new GeneratorConfig(minSteps, maxSteps, true);
    }

    /**
     * Bounds with the swarm settings off: the historical scripts (as the two-argument constructor).
     * The fault-mode campaigns use
     * these until their checks are validated on the new shapes (a crash torn inside the header
     * chunk of a 512-sector-chunk store, seed 1 script 5 of the crash mode, fails the crash
     * campaign's cow check on the correct engine).
     */
    public static GeneratorConfig classic(int minSteps, int maxSteps) {
        return new GeneratorConfig(minSteps, maxSteps, false);
    }

    /** The same bounds with disk sizes {@code sizes}. */
    public GeneratorConfig withSizes(SizeProfile sizes) {
        return new GeneratorConfig(minSteps, maxSteps, shapes, sizes);
    }
}
