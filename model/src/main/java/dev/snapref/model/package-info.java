/**
 * The executable state-machine model of dm core with the {@code snapshot-origin} and {@code
 * snapshot} targets and the exception store handover: {@link dev.snapref.model.Model#step} maps
 * a {@link dev.snapref.model.ModelState} and a command to the next state and the exact transcript
 * step Linux 6.1 prints; {@link dev.snapref.model.Invariants} states the invariants by name
 * ({@code proofs-notes/INV-*.md}); {@link dev.snapref.model.TableAbstraction} and friends are the
 * typed abstract state the refinement check compares.
 *
 * <p>Guarantees: pure and immutable (states are values with structural equality, so the explorer
 * can deduplicate them); every I/O completes at once (no concurrency: the model is the sequential
 * specification); sector contents are abstract labels, not bytes. Limits: {@link
 * dev.snapref.model.ModelLimitation} names what it does not cover. Never imports the engine.
 */
package dev.snapref.model;
