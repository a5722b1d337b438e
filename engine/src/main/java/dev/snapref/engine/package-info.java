/**
 * The engine's API: {@link dev.snapref.engine.DeviceMapper} ("the kernel": disks, dm core and the
 * snapshot targets driven like dmsetup and O_DIRECT I/O drive Linux 6.1), {@link
 * dev.snapref.engine.DeviceInfo}; the types its methods use come from {@code kernel} (errno,
 * {@code DmException}, log, bug switches), {@code block} ({@code BlockDevice}) and {@code inspect}.
 *
 * <h2>Layering</h2>
 * {@code kernel}, {@code inspect}, {@code util} are leaves; {@code block} uses {@code kernel};
 * {@code store} uses {@code block}; {@code dm} (dm core) uses {@code block} and knows targets only
 * through its target-type registry; the target packages join it as their own packages and know
 * each other not: {@code snapshot} ({@code snapshot-origin}, {@code snapshot},
 * {@code snapshot-merge}) uses {@code dm} and {@code store}, {@code linear} uses {@code dm}; this
 * package assembles them ({@link dev.snapref.engine.DeviceMapper} registers each through
 * {@code dm.TargetTypes}). No package cycle ({@code ArchitectureTest}); the engine never imports
 * the model. Any table's device may be a mapped device ({@code dm.MappedBlockDevice}): I/O and
 * flushes flow down the stack through each device's I/O gate.
 *
 * <h2>Lock order</h2>
 * Locks are always taken in this order: a thread holding a lock only takes locks below it. Every
 * lock is a {@code java.util.concurrent} lock or a monitor; waits are condition waits, never spins.
 * <table>
 * <caption>Engine locks, top first</caption>
 * <tr><th>#</th><th>lock</th><th>where</th><th>kernel counterpart</th><th>guards</th></tr>
 * <tr><td>1</td><td>control lock</td><td>{@code dm.DmContext.controlLock}</td><td>{@code _hash_lock}
 * and every {@code md->suspend_lock} (one big ioctl lock)</td><td>device names, table slots,
 * suspended flags, create/load/suspend/resume/remove, status</td></tr>
 * <tr><td>2</td><td>I/O gate of a mapped device</td><td>{@code dm.IoGate}</td><td>{@code
 * DMF_BLOCK_IO_FOR_SUSPEND}, {@code md->pending}, SRCU on {@code md->map}</td><td>in-flight count,
 * blocked flag</td></tr>
 * <tr><td>3</td><td>origins lock (read/write)</td><td>{@code snapshot.Origins}</td><td>{@code
 * _origins_lock}</td><td>origin to snapshots (sorted by chunk size), registered origins</td></tr>
 * <tr><td>4</td><td>completion lock of a snapshot</td><td>{@code
 * snapshot.SnapshotTarget.completionLock}</td><td>kcopyd callback context</td><td>in-order
 * completion</td></tr>
 * <tr><td>5</td><td>snapshot lock (source before destination)</td><td>{@code
 * snapshot.SnapshotTarget.lock}</td><td>{@code s->lock}, exception-table bucket locks, {@code
 * pe_allocation_lock}</td><td>valid/active/overflowed, complete/pending/tracked tables, the owned
 * store</td></tr>
 * <tr><td>6</td><td>pending exception lock</td><td>{@code snapshot.PendingException}</td><td>pe
 * completion</td><td>sleeping and waking waiters (the done flag is volatile and written after
 * failed: a finished exception is awaited without the lock, and finished without it when no
 * waiter has counted itself as a sleeper)</td></tr>
 * <tr><td>6</td><td>merger state lock</td><td>{@code snapshot.Merger}</td><td>{@code
 * s->state_bits} (RUNNING_MERGE, SHUTDOWN_MERGE)</td><td>running/shutdown of a merge; taken
 * alone: its holder takes no other lock</td></tr>
 * <tr><td>7</td><td>block device internals</td><td>{@code block.MemoryBlockDevice} page-group
 * monitors, {@code FileChannel}</td><td>device queue</td><td>sector data, page slots (shared
 * pages are never changed in place)</td></tr>
 * </table>
 *
 * <p>The I/O gate (2) is entered by I/O without the control lock; the control lock holder may
 * block the gate and wait for in-flight I/O to drain (suspend, internal suspend during handover):
 * in-flight I/O never takes the control lock, and everything it waits for (pending exceptions,
 * tracked reads) completes without it. {@code Handover.resume} takes the origins lock (3) only
 * after holding the origin device's I/O off ({@code MappedDevice.internalSuspendFast}, kernel fix
 * b735fede8d95 / 09ee96b21456), so no pending exception of the source can be committed to the
 * moved store (asserted). A store is guarded by the lock (5) of the snapshot that owns it at the
 * time; handover moves it with both locks held. Commits run with (4) then (5) held, except an
 * exception made inline by an origin write submitted whole ({@code snapshot.ExceptionCompletion.completeInline}:
 * allocated, copied, committed and published in one hold of (5), under (3), when the snapshot has
 * no exception pending, so no commit is in (4)'s care; only on a free engine whose origin and cow
 * are in-memory devices, which never wait: (7) is the only lock taken inside). A thread never
 * waits for a pending exception while it holds one it claimed but has not started: dm core maps
 * all pieces of a bio, then starts them, then waits; with in-order completion this rules out
 * waits that cannot end.
 *
 * <h2>Schedule points</h2>
 * Every wait of the engine (I/O gate, pending exception, tracked reads, destroy, the merge's stop,
 * drain and window), the control lock and
 * the completion locks go through the context's {@link dev.snapref.engine.kernel.Interleaving}, and
 * named schedule points mark the steps a race can fall between (bio mapped, chunk copied, exception
 * committed, origin held off, exceptions handed over, ...). A point is placed only where the thread
 * holds no lock but the control and completion locks. By default ({@code Interleaving.FREE}) they
 * cost a call each; the conformance gate's concurrency phase installs one that runs the threads one
 * at a time in a chosen order, so a race is explored deterministically.
 * <p>The merge worker of a {@code snapshot-merge} target ({@code snapshot.Merger}, the engine's
 * kcopyd) is started through {@code Interleaving.startWorker} (a controlled run schedules it like
 * its own threads), has schedule points between the steps of a run (run prepared, before the
 * copy, copied) and waits through the interleaving; it runs without the control lock: it takes the origins lock (3) and other snapshots' locks
 * (5) to copy out, its own snapshot's lock (5) to commit a run, and waits on pending exceptions
 * and tracked writes with no lock held. A presuspend or a destructor (control lock held) stops it
 * and waits for it, which cannot deadlock since it never waits for the control lock. I/O to a
 * mapped device stacked on another enters the lower device's gate (2) from inside the upper one's:
 * gates are entered top down, the order of the stack, and a suspended lower device holds the upper
 * device's I/O in flight (as the kernel does); a suspend of the upper device then waits for it.
 *
 * <p>Deliberate deviation from Linux 6.1: {@code snapshot_resume} resumes the origin before
 * {@code reregister_snapshot} and {@code s->active = 1}; an origin write in that window skips
 * both the destination (valid, not yet active) and the source (invalid) and the handed-over
 * snapshot loses that chunk; the same holds for the first run of a merge that the handover stopped
 * and restarts before activating the destination (09ee96b21456's restart). The engine activates the
 * destination while origin I/O is still held off, and restarts the merge after that. No sequential script can tell; {@code ConcurrencyTest} shows the race with the kernel's
 * order. State transitions are asserted (tests and {@code ./snapref} run with {@code -ea}).
 */
package dev.snapref.engine;
