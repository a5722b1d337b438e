/**
 * Read-only, typed views of the engine's state for tools and the conformance refinement check:
 * {@link dev.snapref.engine.inspect.DeviceView} per mapped device and the sealed {@link
 * dev.snapref.engine.inspect.TargetView} of each table ({@link
 * dev.snapref.engine.inspect.SnapshotView}, {@link dev.snapref.engine.inspect.OriginView}, {@link
 * dev.snapref.engine.inspect.MergeView}, {@link dev.snapref.engine.inspect.LinearView}).
 *
 * <p>Guarantees: immutable values, built by the targets themselves from their fields (never parsed
 * from status text), each consistent as of one moment (taken under the target's lock, the whole
 * list under the control lock). A leaf package: it depends on nothing.
 */
package dev.snapref.engine.inspect;
