package dev.snapref.model.explore;

/**
 * What an exploration reports while it runs, for a progress bar: called from the exploring thread
 * about twice a second and at the end of every level. Implementations must be quick and must not
 * throw.
 */
@FunctionalInterface
public interface ExplorationProgress {
    /** Reports nothing. */
    ExplorationProgress NONE = (level, depth, expanded, toExpand, states, nanos) -> {
    };

    /**
     * @param level    the level being built (1 for the states one command after the prefix)
     * @param depth    the depth bound
     * @param expanded states of level {@code level - 1} expanded so far
     * @param toExpand states of level {@code level - 1} to expand
     * @param states   distinct states found so far, every level
     * @param nanos    time since the exploration started
     */
    void update(int level, int depth, long expanded, long toExpand, long states, long nanos);
}
