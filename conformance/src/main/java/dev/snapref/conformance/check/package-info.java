/**
 * The step-by-step differential checker of a candidate against the model: transcripts, model
 * invariants, refinement of abstract states and disk data after every script, each failure
 * attributed to the clauses its step exercises.
 *
 * <p>{@link dev.snapref.conformance.check.DifferentialChecker#check} never throws for a target's
 * failure: a target (or the model) that throws anything {@link dev.snapref.conformance.guard.Severity}
 * calls a failure (assertions, runtime exceptions, stack overflows, linkage errors) is a CRASH
 * failure whose detail is the stack trace; {@code crash(Script)} hands the throwable itself to
 * shrinkers. Interruptions and fatal errors are passed on.
 */
package dev.snapref.conformance.check;
