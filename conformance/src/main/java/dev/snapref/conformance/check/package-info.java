/**
 * The step-by-step differential checker ({@link dev.snapref.conformance.check.DifferentialChecker}):
 * runs a script on a reference target (the model) and a checked target side by side and, after
 * every command, compares transcript steps, the model's invariants, the refinement of the checked
 * target's abstract state against the model's, and disk data (sector by sector, through {@link
 * dev.snapref.conformance.check.SectorMatch}).
 *
 * <p>Guarantees: the first difference is reported with the step, the kind ({@link
 * dev.snapref.conformance.check.FailureKind}) and both sides; a check is deterministic for a
 * script. Depends on the targets API, never on a particular target.
 */
package dev.snapref.conformance.check;
