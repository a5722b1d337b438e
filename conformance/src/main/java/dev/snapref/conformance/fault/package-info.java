/**
 * The fault modes of the gate ({@code fuzz --faults | --crash | --corrupt-images}, phases FLT-1,
 * CRS-1, CIM-1 of {@code conform}), with faults stated in the model: the model takes the same
 * fault as an input (a {@link dev.snapref.model.FaultPlan}: EIO or a torn write at request k of a
 * kind on a cow; a crash after durable write k, {@link dev.snapref.model.CrashImage}; a mutated
 * cow image loaded by both) and defines the kernel's reaction, and model and engine are compared
 * as the differential checker compares any run (transcripts with errnos and kernel messages,
 * invariants, refinement, disk labels), then request by request ({@link
 * dev.snapref.conformance.fault.RequestComparison}) and byte by byte on the faulted disk ({@link
 * dev.snapref.conformance.fault.ImageComparison}). {@link dev.snapref.conformance.fault.FaultCampaign},
 * {@link dev.snapref.conformance.fault.CrashCampaign} and {@link
 * dev.snapref.conformance.fault.CorruptImageCampaign} choose the fault from a seed;
 * {@link dev.snapref.conformance.fault.ScriptModeCampaign} generates, checks, shrinks and writes
 * reproducers.
 *
 * <p>Guarantees: no taint bookkeeping and no tolerance: any difference is a finding; a mode's
 * {@code check} never throws for engine misbehaviour (a throwable is a finding, and the campaign
 * runs under the gate's phase guard); the crash mode also holds the model's own crash images to
 * crash consistency ({@link dev.snapref.conformance.fault.CrashProperties}: committed exceptions
 * survive a reload, no phantom exception), so agreement cannot be agreement on nonsense. The fault
 * and crash modes run LVM stacks too: a cow LV's faults and crash points are on the PV beneath it
 * ({@link dev.snapref.conformance.fault.VolumeSlice}). Limits: one fault per script, only on cows
 * (or the PV beneath them); single-threaded runs; the fault reactions come from reading
 * Linux 6.1's sources — the QEMU kernel target injects no faults (see
 * {@code proofs-notes/crash-consistency.md}).
 */
package dev.snapref.conformance.fault;
