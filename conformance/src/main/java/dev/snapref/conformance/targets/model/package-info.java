/**
 * The model as a target: runs scripts through {@link dev.snapref.model.Model}, checking its
 * invariants after every step, and exposes its abstract state to the checker.
 *
 * <p>Guarantees: the reference side of every differential check; a script outside the model's
 * scope ({@link dev.snapref.model.ModelLimitation}) is reported out of scope, not run.
 */
package dev.snapref.conformance.targets.model;
