/**
 * The reference engine ({@code dev.snapref.engine}) as a conformance target: whole-script runs
 * with disk images ({@link dev.snapref.conformance.targets.engine.EngineTarget}), step-by-step
 * sessions for the differential checker, and the engine's abstraction function
 * ({@link dev.snapref.conformance.targets.engine.EngineAbstraction}): the engine's typed views
 * ({@code DeviceView}, {@code TargetView}) mapped field for field onto the model's
 * {@link dev.snapref.model.WorldAbstraction}; and the check of the engine's Java API after every
 * step ({@code EngineApiCheck}, {@code CheckedRead}: the answers a user of {@code DeviceMapper}
 * relies on that no transcript prints, through its public routes only). This package is where
 * engine and model meet: the engine itself never imports the model.
 *
 * <p>Guarantees: the mapping drops no field of a view and adds none; its only normalisation is
 * the cow's name ({@code /dev/disk/NAME} is the model's disk {@code NAME}). Store kinds and
 * target types are mapped by type, never compared as strings.
 */
package dev.snapref.conformance.targets.engine;
