/**
 * The targets API: what a target is ({@link dev.snapref.conformance.targets.Target}: runs a
 * script to a transcript; {@link dev.snapref.conformance.targets.SteppableTarget}: command by
 * command with its abstract state and disks, for the checker), its options, and the {@link
 * dev.snapref.conformance.targets.TargetRegistry} every {@link
 * dev.snapref.conformance.targets.TargetFactory} on the class path joins ({@link
 * java.util.ServiceLoader}).
 *
 * <p>Guarantees: the API names no particular target; a target outside its scope says so ({@link
 * dev.snapref.conformance.targets.OutOfScope}) instead of guessing.
 */
package dev.snapref.conformance.targets;
