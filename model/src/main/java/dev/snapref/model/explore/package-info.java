/**
 * Exhaustive breadth-first exploration of the model's reachable states over a command alphabet
 * ({@link dev.snapref.model.explore.Explorer}), checking every invariant on every new state and
 * reporting a violation with the shortest script that reaches it; its leaves become the
 * conformance run's explorer scripts. Named configurations ({@link
 * dev.snapref.model.explore.ExplorerConfig}: {@code default}, {@code lvm}, {@code rollover}).
 *
 * <p>Design (TLC's, in memory): the visited set holds 64-bit fingerprints of states ({@link
 * dev.snapref.model.StateFingerprint}, {@link dev.snapref.model.explore.FingerprintSet}), the search
 * tree holds each state's parent and command ({@link dev.snapref.model.explore.SearchTree}), and a
 * level's states are re-derived from the tree by workers walking its subtrees ({@link
 * dev.snapref.model.explore.LevelExpansion}), so no full state outlives the walk that made it. The
 * least (parent, command) edge into each new state is kept, which makes the tree, the counts and
 * the reported scripts those of a sequential search for any number of workers.
 *
 * <p>Guarantees: within the depth bound every reachable state (through states that keep the
 * invariants) is checked once; deterministic for a configuration. Limits: states whose
 * fingerprints collide count as one (bounded in {@code StateFingerprint}: about 5 * 10^-7 at the
 * 4.5 million states of depth 12); memory about 30 to 45 bytes a state, independent of the states' size.
 */
package dev.snapref.model.explore;
