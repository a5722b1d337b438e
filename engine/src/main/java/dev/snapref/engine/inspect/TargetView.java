package dev.snapref.engine.inspect;

/**
 * A read-only snapshot of one table's target, typed by target: what tools and the conformance
 * refinement check may look at. Each view is taken under its target's own lock, so it is
 * consistent for that target (not across targets).
 */
public sealed interface TargetView permits SnapshotView, OriginView, MergeView, LinearView {
    /** The table length in sectors (ti->len). */
    long length();
}
