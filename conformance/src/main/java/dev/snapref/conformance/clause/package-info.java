/**
 * The spec clause catalogue ({@link dev.snapref.conformance.clause.Clause}): each clause of
 * {@code shared/spec/} the conformance report lists, with the predicate that decides, from a
 * checked step ({@link dev.snapref.conformance.clause.StepContext}), whether the step exercised it.
 *
 * <p>Guarantees: clause ids are stable (reports and CI history refer to them); a clause no script
 * exercised is reported uncovered, never passed.
 */
package dev.snapref.conformance.clause;
