/**
 * The targets API: a {@link dev.snapref.conformance.targets.Target} runs scripts and prints
 * canonical transcripts; a {@link dev.snapref.conformance.targets.SteppableTarget} also opens
 * {@link dev.snapref.conformance.targets.TargetSession}s driven one command at a time, whose
 * {@code world()} is the abstract state in the model's one description,
 * {@link dev.snapref.model.WorldAbstraction}. Targets join the command line through
 * {@link dev.snapref.conformance.targets.TargetRegistry} (a {@code ServiceLoader} of
 * {@link dev.snapref.conformance.targets.TargetFactory}s).
 *
 * <p>Guarantees: every steppable target reports its world in the same types, so the refinement
 * check compares typed records, never strings. Limits: the kernel target is not steppable (it
 * runs whole scripts in QEMU), so it is checked on transcripts and disk images only.
 */
package dev.snapref.conformance.targets;
