/**
 * Exhaustive breadth-first exploration of the model's reachable states over a command alphabet
 * ({@link dev.snapref.model.explore.Explorer}), checking every invariant on every new state and
 * reporting a violation with the shortest script that reaches it; its leaves become the
 * conformance run's explorer scripts.
 *
 * <p>Guarantees: within the depth bound every reachable state is visited once (deduplicated by
 * value) and checked; deterministic for a configuration. Limits: full states are kept, so memory
 * grows with the number of states.
 */
package dev.snapref.model.explore;
