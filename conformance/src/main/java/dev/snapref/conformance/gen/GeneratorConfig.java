package dev.snapref.conformance.gen;

/**
 * Bounds of generated scripts.
 *
 * @param minSteps the fewest random commands after the set-up lines
 * @param maxSteps the most random commands after the set-up lines
 */
public record GeneratorConfig(int minSteps, int maxSteps) {
    public GeneratorConfig {
        if (minSteps < 0 || maxSteps < minSteps) {
            throw new IllegalArgumentException("need 0 <= minSteps <= maxSteps");
        }
    }

    public static GeneratorConfig defaults() {
        return new GeneratorConfig(5, 40);
    }
}
