/**
 * Shrinking of failing scripts ({@link dev.snapref.conformance.shrink.Shrinker}): drops commands
 * and simplifies arguments while the failure predicate still holds.
 *
 * <p>Guarantees: the result still fails the predicate and is never longer than the input;
 * deterministic; depends on nothing else of conformance.
 */
package dev.snapref.conformance.shrink;
