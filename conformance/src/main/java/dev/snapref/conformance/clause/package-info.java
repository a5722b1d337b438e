/**
 * The spec clause catalogue ({@link dev.snapref.conformance.clause.Clause}): every behaviour the
 * model encodes, with a stable id, its text, the Linux 6.1 function that implements it, and a
 * matcher over one checked step ({@link dev.snapref.conformance.clause.StepContext}: the command,
 * the model's transcript step, and the model's {@link dev.snapref.model.WorldAbstraction} before
 * and after it).
 *
 * <p>Guarantees: matchers are pure functions of the step; they tell targets apart by the
 * abstraction's types ({@code SnapshotAbstraction}, {@code OriginAbstraction}), never by target or
 * store names. Limits: a clause is attributed by what a step exercises, not proved: a failure is
 * charged to the most specific matching clause, and GEN-1 catches the rest.
 */
package dev.snapref.conformance.clause;
