package dev.snapref.conformance.gen;

/**
 * Bounds of generated scripts.
 *
 * @param minSteps the fewest random commands after the set-up lines
 * @param maxSteps the most random commands after the set-up lines
 * @param shapes   whether each seed draws {@link SwarmSettings} (unaligned sizes, chunk families,
 *                 features, bulk mode); without them every seed gives its historical script
 */
public record GeneratorConfig(int minSteps, int maxSteps, boolean shapes) {
    public GeneratorConfig {
        if (minSteps < 0 || maxSteps < minSteps) {
            throw new IllegalArgumentException("need 0 <= minSteps <= maxSteps");
        }
    }

    /** Bounds with the swarm settings on. */
    public GeneratorConfig(int minSteps, int maxSteps) {
        this(minSteps, maxSteps, true);
    }

    public static GeneratorConfig defaults() {
        return new GeneratorConfig(5, 40);
    }

    /**
     * Bounds with the swarm settings off: the historical scripts. The fault-mode campaigns use
     * these until their checks are validated on the new shapes (a crash torn inside the header
     * chunk of a 512-sector-chunk store, seed 1 script 5 of the crash mode, fails the crash
     * campaign's cow check on the correct engine).
     */
    public static GeneratorConfig classic(int minSteps, int maxSteps) {
        return new GeneratorConfig(minSteps, maxSteps, false);
    }
}
