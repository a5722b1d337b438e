package dev.snapref.engine.core;

import dev.snapref.engine.EngineBug;
import dev.snapref.engine.KernelLog;
import dev.snapref.engine.snapshot.Origins;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The shared kernel-wide state targets reach: the message log, the origin registry of the
 * snapshot targets, the device resolver and the control lock that serializes every dmsetup
 * operation (the engine's ioctl lock; see proofs-notes/engine-lock-order.md).
 */
public final class Kernel {
    private final KernelLog log = new KernelLog();
    private final Origins origins = new Origins();
    private final ReentrantLock controlLock = new ReentrantLock();
    private final DeviceResolver resolver;
    private final Set<EngineBug> bugs;

    /** A correct kernel. */
    public Kernel(DeviceResolver resolver) {
        this(resolver, Set.of());
    }

    /** A kernel with the given bug switches on (see {@link EngineBug}). */
    public Kernel(DeviceResolver resolver, Set<EngineBug> bugs) {
        this.resolver = resolver;
        this.bugs = bugs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(bugs));
    }

    /** Whether the bug switch {@code b} is on (always false for a correct kernel). */
    public boolean bug(EngineBug b) {
        return bugs.contains(b);
    }

    /** The bug switches that are on (empty for a correct kernel). */
    public Set<EngineBug> bugs() {
        return bugs;
    }

    public KernelLog log() {
        return log;
    }

    public Origins origins() {
        return origins;
    }

    public DeviceResolver resolver() {
        return resolver;
    }

    /**
     * How kernel messages name a device: a mapped device by its dm name (the canonical form of
     * {@code dm-N} / {@code 253:N}), a disk by its path.
     */
    public String logName(String path, dev.snapref.engine.BlockDevice dev) {
        if (dev instanceof MappedBlockDevice m) {
            return m.md().name();
        }
        return path;
    }

    /** Lock 1 in the lock order: held by every control operation (create/load/suspend/resume/remove/status). */
    public ReentrantLock controlLock() {
        return controlLock;
    }
}
