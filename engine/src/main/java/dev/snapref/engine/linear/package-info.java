/**
 * The {@code linear} target (dm-linear.c, target 1.4.0): a table line {@code <dev> <offset>} maps
 * the device's sectors onto the lower device from {@code offset} on, which is how LVM builds its
 * logical volumes ({@code VG-LV-real}, {@code VG-SNAP-cow}). {@link
 * dev.snapref.engine.linear.LinearTargets} registers it into a dm context.
 *
 * <p>Guarantees: the constructor checks what linear_ctr checks, with its {@code ti->error} texts
 * ("Invalid argument count", "Invalid device sector", "Device lookup failed" with the lookup's
 * errno); I/O and flushes pass straight to the lower device, which may be a disk or another mapped
 * device (stacking); the area {@code (offset, length)} is checked by dm core against the lower
 * device's size. Layering: uses {@code dm} and {@code block} only; no lock of its own (immutable
 * after construction; see {@link dev.snapref.engine}).
 */
package dev.snapref.engine.linear;
