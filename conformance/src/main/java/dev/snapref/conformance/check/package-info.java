/**
 * The step-by-step differential checker: a script is run on the model (the reference) and a
 * candidate, and after every command the transcript steps must be equal, every model invariant
 * must hold, and the candidate's {@link dev.snapref.model.WorldAbstraction} must equal the
 * model's (refinement), as must the answers of a candidate's own Java API that no transcript
 * prints ({@link dev.snapref.conformance.check.ApiChecking}, also a {@code REFINEMENT} failure,
 * keyed {@code DEVICE:api.ACCESSOR}); at the end every disk must hold the same data labels.
 *
 * <p>Guarantees: the first failure stops the script and is reported with its step, its kind, a
 * readable detail (for refinement: every {@link dev.snapref.model.AbstractionDifference}, one a
 * line) and a key for the shrinker (for refinement: the first difference's device, slot and
 * field); a target (or the model) that throws anything
 * {@link dev.snapref.conformance.guard.Severity} calls a failure (assertions, runtime exceptions,
 * stack overflows, linkage errors) is a {@code CRASH} failure whose detail is the stack trace,
 * never an exception out of the checker ({@code crash(Script)} hands the throwable itself to
 * shrinkers); interruptions and fatal errors are passed on. Limits: disk data is compared only
 * at the end of a script, and only where either side may hold non-zero data.
 */
package dev.snapref.conformance.check;
