package dev.snapref.engine.dm;

import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.engine.kernel.Interleaving;
import dev.snapref.engine.kernel.KernelLog;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What dm core and every target share: the kernel message log, the control lock that serializes
 * every dmsetup operation (the engine's ioctl lock: lock 1 of the lock order in
 * {@code dev/snapref/engine/package-info.java}), the device resolver of table lines, the
 * registry of target types and the bug switches of this build. It knows no target: target types
 * are registered into {@link #targetTypes()} by whoever assembles the engine.
 */
public final class DmContext {
    private final KernelLog log = new KernelLog();
    private final ReentrantLock controlLock = new ReentrantLock();
    private final TargetTypes targetTypes = new TargetTypes();
    private final DeviceResolver resolver;
    private final Set<EngineBug> bugs;
    private final Interleaving interleaving;
    /** {@link #bugs} as a bit per ordinal: a bug check on the I/O path is one AND. */
    private final long bugMask;
    /** Throwables that ended a background worker (a merge), oldest first; taken by {@link #takeBackgroundFailure}. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Throwable> backgroundFailures =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** A context with the given bug switches on (empty: a correct kernel); real threads. */
    public DmContext(DeviceResolver resolver, Set<EngineBug> bugs) {
        this(resolver, bugs, Interleaving.FREE);
    }

    /** A context whose schedule points, waits and contended locks go through {@code interleaving}. */
    public DmContext(DeviceResolver resolver, Set<EngineBug> bugs, Interleaving interleaving) {
        this.resolver = resolver;
        this.bugs = bugs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(bugs));
        this.interleaving = java.util.Objects.requireNonNull(interleaving);
        this.bugMask = EngineBug.mask(this.bugs);
    }

    /** The schedule points of this engine ({@link Interleaving#FREE} unless a controlled run installed one). */
    public Interleaving interleaving() {
        return interleaving;
    }

    /** Whether the bug switch {@code b} is on (always false for a correct kernel). */
    public boolean bug(EngineBug b) {
        return (bugMask & 1L << b.ordinal()) != 0;
    }

    /** The bug switches that are on (empty for a correct kernel). */
    public Set<EngineBug> bugs() {
        return bugs;
    }

    public KernelLog log() {
        return log;
    }

    public DeviceResolver resolver() {
        return resolver;
    }

    /** The target types tables may name (dm_register_target fills it). */
    public TargetTypes targetTypes() {
        return targetTypes;
    }

    /**
     * How kernel messages name a device: a mapped device by its dm name (the canonical form of
     * {@code dm-N} / {@code 253:N}), a disk by its path.
     */
    public String logName(String path, BlockDevice dev) {
        if (dev instanceof MappedBlockDevice m) {
            return m.md().name();
        }
        return path;
    }

    /**
     * A background worker (the engine's kcopyd: a merge) ended with {@code t}, an engine defect
     * (an assertion, a runtime exception): kept for the thread that drives the engine to rethrow
     * ({@link #takeBackgroundFailure}), since the worker's own thread has no caller.
     */
    public void reportBackgroundFailure(Throwable t) {
        backgroundFailures.add(t);
    }

    /** The oldest unreported background failure, or null. */
    public Throwable takeBackgroundFailure() {
        return backgroundFailures.poll();
    }

    /** Lock 1 in the lock order: held by every control operation (create/load/suspend/resume/remove/status). */
    public ReentrantLock controlLock() {
        return controlLock;
    }
}
