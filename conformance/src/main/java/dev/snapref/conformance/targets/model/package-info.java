/**
 * The executable model ({@code dev.snapref.model}) as a conformance target and the reference of
 * the differential checker: transcripts, invariant checks on every state, and the world of the
 * refinement check, which is the model's own {@link dev.snapref.model.ModelState#abstraction()}
 * (no mapping: the model's types are the description).
 *
 * <p>Guarantees: sessions cache the world and the invariant violations per model state object,
 * which is sound because both are functions of the immutable state alone. Limits: no disk
 * images (the model's data is abstract); scripts outside the model's scope raise
 * {@link dev.snapref.conformance.targets.OutOfScope}.
 */
package dev.snapref.conformance.targets.model;
