package dev.snapref.conformance.gen;

import java.util.Objects;

/**
 * Bounds of generated scripts.
 *
 * @param minSteps the fewest random commands after the set-up lines
 * @param maxSteps the most random commands after the set-up lines
 * @param sizes    the disk sizes scripts use ({@link SizeProfile#SMALL} by default)
 */
public record GeneratorConfig(int minSteps, int maxSteps, SizeProfile sizes) {
    public GeneratorConfig {
        if (minSteps < 0 || maxSteps < minSteps) {
            throw new IllegalArgumentException("need 0 <= minSteps <= maxSteps");
        }
        Objects.requireNonNull(sizes, "sizes");
    }

    /** Small disks ({@link SizeProfile#SMALL}). */
    public GeneratorConfig(int minSteps, int maxSteps) {
        this(minSteps, maxSteps, SizeProfile.SMALL);
    }

    public static GeneratorConfig defaults() {
        return new GeneratorConfig(5, 40);
    }

    /** The same bounds with disk sizes {@code sizes}. */
    public GeneratorConfig withSizes(SizeProfile sizes) {
        return new GeneratorConfig(minSteps, maxSteps, sizes);
    }
}
