/**
 * The executable model of dm core, {@code snapshot-origin}, {@code snapshot} with live exception
 * store handover, {@code snapshot-merge} and {@code linear}, with tables stacked on mapped devices
 * as LVM stacks them: pure functions over immutable states ({@link dev.snapref.model.Model#step}
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
 * <p>Stacking: a table names a block device by a volume key (a disk's name, a mapped device's
 * {@code /dev/mapper/NAME}; {@link dev.snapref.model.Volumes}); a mapped device's content is a
 * function of the disks under it, and the requests a target makes of a mapped device go through
 * its live table down to disks ({@link dev.snapref.model.StackedIo},
 * {@link dev.snapref.model.MappedWrite}). A merge runs to its end inside the resume that starts it
 * ({@link dev.snapref.model.Merge}), which is what the scenario format's merge rule lets runners
 * observe.
 *
 * <p>Races: where Linux 6.1 itself is not deterministic in what a script prints, the model states
 * the race by name and takes the reference outcome unless a caller asks for another
 * ({@link dev.snapref.model.SplitWriteRace}: a split write that overflows the cow).
 *
 * <p>Guarantees: states and abstractions are immutable and compare by value; a step never
 * mutates its input. Limits: disk data is abstract (sector labels); scripts outside the model's
 * scope raise {@link dev.snapref.model.ModelLimitation} (other target types, devices named by
 * number, a request that would wait on a suspended device below the one the script uses, a
 * transient merge, which oopses the kernel). The model imports nothing of the engine or of
 * conformance.
 */
package dev.snapref.model;
