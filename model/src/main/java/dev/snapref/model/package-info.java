/**
 * The executable model of dm core, {@code snapshot-origin} and {@code snapshot} with live
 * exception store handover: pure functions over immutable states ({@link dev.snapref.model.Model#step}
 * from one {@link dev.snapref.model.ModelState} to the next, with the transcript step it prints),
 * the named invariants checked on every state ({@link dev.snapref.model.Invariants}), and the
 * abstraction function.
 *
 * <p><b>The abstraction is the one description of abstract state.</b>
 * {@link dev.snapref.model.WorldAbstraction} (devices by name, each a
 * {@link dev.snapref.model.DeviceAbstraction} whose tables are the sealed
 * {@link dev.snapref.model.TableAbstraction}: {@link dev.snapref.model.SnapshotAbstraction} or
 * {@link dev.snapref.model.OriginAbstraction}) is what the refinement check compares with every
 * implementation after every step; {@link dev.snapref.model.ModelState#abstraction()} computes the
 * model's, and conformance maps an implementation's own view onto the same types.
 * {@link dev.snapref.model.WorldAbstraction#differences} compares every field typed (no string
 * forms) and names each difference by device, slot, field and both values
 * ({@link dev.snapref.model.AbstractionDifference}).
 *
 * <p>Guarantees: states and abstractions are immutable and compare by value; a step never
 * mutates its input. Limits: disk data is abstract (sector labels); scripts outside the model's
 * scope raise {@link dev.snapref.model.ModelLimitation}. The model imports nothing of the engine
 * or of conformance.
 */
package dev.snapref.model;
