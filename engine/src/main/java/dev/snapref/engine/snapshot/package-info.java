/**
 * The {@code snapshot}, {@code snapshot-origin} and {@code snapshot-merge} targets (dm-snap.c,
 * snapshot 1.16.0, origin 1.9.0, merge 1.5.0) with the live exception store handover and the
 * merge, split along dm-snap.c's seams: constructor
 * arguments ({@link dev.snapref.engine.snapshot.SnapshotArgs}), the origin registry ({@link
 * dev.snapref.engine.snapshot.Origins}, {@code _origins}), the exception tables ({@link
 * dev.snapref.engine.snapshot.CompleteExceptions}, {@link
 * dev.snapref.engine.snapshot.PendingExceptions}, {@link
 * dev.snapref.engine.snapshot.TrackedChunks}), the I/O path ({@link
 * dev.snapref.engine.snapshot.SnapshotMap}), exception completion in allocation order ({@link
 * dev.snapref.engine.snapshot.ExceptionCompletion}, {@link
 * dev.snapref.engine.snapshot.CompletionOrder}), the handover ({@link
 * dev.snapref.engine.snapshot.Handover}), the status lines ({@link
 * dev.snapref.engine.snapshot.SnapshotStatus}), origin writes ({@link
 * dev.snapref.engine.snapshot.OriginWrite}), a merge target's I/O path ({@link
 * dev.snapref.engine.snapshot.MergeMap}) and its background merge ({@link
 * dev.snapref.engine.snapshot.Merger}, {@link dev.snapref.engine.snapshot.MergeWindow}). {@link
 * dev.snapref.engine.snapshot.SnapshotTargets} registers the three target types into a dm context.
 *
 * <p>Guarantees: a snapshot reads the origin as it was when the snapshot became active plus its
 * own writes; no read sees a half-copied chunk; exceptions complete and commit in allocation
 * order; at most two snapshots share a cow, the second a handover destination that takes the
 * exceptions and the store at its resume while origin I/O is held off; afterwards the source
 * answers every I/O with EIO. A merge target merges its newest run of exceptions at a time into
 * the origin, the origin's other snapshots copying out first, the origin flushed before the run's
 * records are cleared; writes to the run being merged wait for it. Locks: origins lock (3), a snapshot's completion lock (4), its
 * lock (5, source before destination), a pending exception's monitor (6); see {@link
 * dev.snapref.engine}.
 *
 * <p>Lock rounds of a copy-on-write (issue 16): the commit of an exception and its publication
 * (complete_exception, pending_complete) run in one hold of the snapshot's lock; a finished pending
 * exception is awaited without its monitor; an origin write's second pass over the snapshots
 * (retry_origin_bios) is skipped when the origins' generation, bumped by every registration change
 * and activation, shows that it would find nothing (argued in {@code SnapshotOriginTarget}). Which
 * lock guards what, and the order they are taken in, are unchanged.
 *
 * <p>Inline exceptions (issue 16): an origin write that dm core submits whole ({@code
 * Target.mapWhole}) makes a new exception in the pass's hold of the snapshot's lock when the
 * snapshot has none pending, no read of the chunk is in flight, origin and cow are in-memory
 * devices and the engine runs free with no bug switch on ({@code
 * ExceptionCompletion.completeInline}): no pending exception is made or published, so nobody can
 * see or wait on it; what it does is one schedule of the pending exception's steps, the one with
 * nothing in between, which the races check with the other schedules (a controlled run takes the
 * pending path, so every schedule point stays reachable).
 */
package dev.snapref.engine.snapshot;
