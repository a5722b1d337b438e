/**
 * Device-mapper core (dm.c, dm-table.c, dm-ioctl.c): mapped devices with a live and an inactive
 * table, table loading through a registry of target types ({@link
 * dev.snapref.engine.dm.TargetTypes}, filled by whoever assembles the engine), suspend and resume
 * with the target hooks (presuspend, postsuspend, preresume, resume), the I/O gate that holds I/O
 * off while suspended and drains it, bio splitting at the target's boundaries, and mapped devices
 * usable as block devices in other tables.
 *
 * <p>Guarantees: dm core imports no target package: a target is reached only through {@link
 * dev.snapref.engine.dm.Target} and {@link dev.snapref.engine.dm.TargetType} (checked by
 * {@code ArchitectureTest}). Every control operation runs under the control lock of {@link
 * dev.snapref.engine.dm.DmContext}; I/O runs without it, through the device's {@link
 * dev.snapref.engine.dm.IoGate}. Suspend returns only when no I/O is in flight; a table is
 * destroyed once, after it is no longer live; a failed load or resume leaves the device as the
 * kernel does. Locks: control lock (1) before the I/O gate (2), see {@link dev.snapref.engine}.
 */
package dev.snapref.engine.dm;
