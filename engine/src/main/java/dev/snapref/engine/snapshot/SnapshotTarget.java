package dev.snapref.engine.snapshot;

import dev.snapref.engine.BlockDevice;
import dev.snapref.engine.DmException;
import dev.snapref.engine.EngineBug;
import dev.snapref.engine.Errno;
import dev.snapref.engine.KernelLog;
import dev.snapref.engine.core.Bio;
import dev.snapref.engine.core.CtrException;
import dev.snapref.engine.core.Kernel;
import dev.snapref.engine.core.MappedDevice;
import dev.snapref.engine.core.Mapping;
import dev.snapref.engine.core.Table;
import dev.snapref.engine.core.Target;
import dev.snapref.engine.store.Committed;
import dev.snapref.engine.store.ExceptionStore;
import dev.snapref.engine.store.StoreUsage;
import dev.snapref.engine.util.LongLongMap;
import dev.snapref.engine.util.LongObjectMap;

import java.io.IOException;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@code snapshot} target (dm-snap.c, target version 1.16.0).
 *
 * <p>Guarantees: reads see the origin as it was when the snapshot became active, plus the
 * snapshot's own writes; a read of a chunk whose exception is pending goes to the origin, whose
 * chunk cannot change before the exception completes and every such read has finished (tracked
 * chunks), so no read sees a half-copied chunk. Exceptions complete in allocation order.
 *
 * <p>Locking: {@link #lock} (s->lock) guards valid/active/overflowed, the complete, pending and
 * tracked tables, the store and its allocation. {@link #completionLock} serializes completions
 * (the kcopyd callback context) and is taken before {@link #lock}. Handover takes the source's
 * lock before the destination's.
 */
public final class SnapshotTarget extends Target {
    private static final String PREFIX = "snapshots: ";

    private final Kernel kernel;
    private final KernelLog log;
    private final Origins origins;
    private final String originPath;
    private final String cowPath;
    private final BlockDevice origin;
    private final BlockDevice cow;
    private final boolean discardZeroesCow;
    private final boolean discardPassdownOrigin;

    final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ReentrantLock completionLock = new ReentrantLock();

    private volatile ExceptionStore store;
    private LongLongMap complete = new LongLongMap();
    private final LongObjectMap<PendingException> pending = new LongObjectMap<>();
    private final LongLongMap tracked = new LongLongMap();
    private volatile boolean valid = true;
    private volatile boolean active;
    private volatile boolean overflowed;
    private volatile long maxIoLen;
    private int pendingExceptions;
    private long startSequence;
    /** Guarded by completionLock. */
    private long completeSequence;
    private final TreeMap<Long, PendingException> outOfOrder = new TreeMap<>();
    /** The chunk size of this table's own line (0: none given); a handover destination ignores it. */
    private long tableChunkSize;
    /** Bug {@link EngineBug#DEST_KEEPS_TABLE_CHUNK_SIZE}: this destination kept its table's chunk size. */
    private boolean keptTableChunkSize;
    /** Bug {@link EngineBug#COMMIT_OUT_OF_ORDER}: copied exceptions waiting to be completed. Guarded by completionLock. */
    private final java.util.ArrayDeque<PendingException> copiedLifo = new java.util.ArrayDeque<>();

    private SnapshotTarget(Table t, long begin, long length, Kernel kernel, String originPath, String cowPath,
                           BlockDevice origin, BlockDevice cow, ExceptionStore store, boolean zeroes, boolean passdown) {
        super(t, begin, length);
        this.kernel = kernel;
        this.log = kernel.log();
        this.origins = kernel.origins();
        this.originPath = originPath;
        this.cowPath = cowPath;
        this.origin = origin;
        this.cow = cow;
        this.store = store;
        this.discardZeroesCow = zeroes;
        this.discardPassdownOrigin = passdown;
    }

    /** snapshot_ctr: {@code <origin> <cow> <P|PO|N> <chunksize> [<#features> <feature>...]}. */
    public static SnapshotTarget construct(Table t, long begin, long length, String[] argv, Kernel k)
            throws CtrException {
        if (argv.length < 4) {
            throw new CtrException("requires 4 or more arguments", Errno.EINVAL);
        }
        boolean[] features = parseFeatures(argv);
        BlockDevice origin;
        try {
            origin = k.resolver().open(argv[0], t.md());
        } catch (DmException e) {
            throw new CtrException("Cannot get origin device", e.errno());
        }
        BlockDevice cowProbe = probe(k, argv[1], t.md());
        if (cowProbe != null && cowProbe == origin) {
            throw new CtrException("COW device cannot be the same as origin device", Errno.EINVAL);
        }
        BlockDevice cow;
        try {
            cow = k.resolver().open(argv[1], t.md());
        } catch (DmException e) {
            throw new CtrException("Cannot get COW device", e.errno());
        }
        ExceptionStore store = ExceptionStore.create(argv[2], argv[3], cow, k.log());
        if (store == null) {
            throw new CtrException("Couldn't create exception store", Errno.EINVAL);
        }
        store.setBugs(k.bugs());
        SnapshotTarget s = new SnapshotTarget(t, begin, length, k, argv[0], argv[1], origin, cow, store,
                features[0], features[1]);
        s.tableChunkSize = store.chunkSize();
        int r = s.origins.register(s);
        if (r < 0) {
            throw new CtrException("Snapshot cow pairing for exception table handover failed", Errno.EINVAL);
        }
        if (r > 0) {
            // handover destination: metadata stays with the source; chunk size comes at handover
            s.store.setChunkSize(0);
            return s;
        }
        s.lock.lock();
        int rm;
        try {
            rm = s.store.readMetadata(s::addException);
        } finally {
            s.lock.unlock();
        }
        if (rm < 0) {
            s.origins.unregister(s);
            throw new CtrException("Failed to read snapshot metadata", errnoOf(-rm));
        }
        if (rm > 0) {
            s.valid = false;
            s.log.log(PREFIX + "Snapshot is marked invalid.");
        }
        if (s.store.chunkSize() == 0) {
            s.origins.unregister(s);
            throw new CtrException("Chunk size not set", Errno.EINVAL);
        }
        s.maxIoLen = s.store.chunkSize();
        return s;
    }

    private static BlockDevice probe(Kernel k, String path, MappedDevice self) {
        try {
            return k.resolver().open(path, self);
        } catch (DmException e) {
            return null;
        }
    }

    private static Errno errnoOf(int n) {
        for (Errno e : Errno.values()) {
            if (e.number() == n) {
                return e;
            }
        }
        return Errno.EIO;
    }

    /** parse_snapshot_features; returns {discard_zeroes_cow, discard_passdown_origin}. */
    private static boolean[] parseFeatures(String[] argv) throws CtrException {
        boolean[] f = new boolean[2];
        if (argv.length == 4) {
            return f;
        }
        String n = argv[4];
        int remaining = argv.length - 5;
        long count = n.matches("\\d{1,10}") ? Long.parseLong(n) : -1;
        if (count < 0 || count > 2 || remaining < count) {
            throw new CtrException("Invalid number of feature arguments", Errno.EINVAL);
        }
        for (int i = 0; i < count; i++) {
            String name = argv[5 + i];
            if (name.equalsIgnoreCase("discard_zeroes_cow")) {
                f[0] = true;
            } else if (name.equalsIgnoreCase("discard_passdown_origin")) {
                f[1] = true;
            } else {
                throw new CtrException("Unrecognised feature requested", Errno.EINVAL);
            }
        }
        if (!f[0] && f[1]) {
            throw new CtrException("discard_passdown_origin feature depends on discard_zeroes_cow", Errno.EINVAL);
        }
        return f;
    }

    /** dm_add_exception: a committed exception read from the store. Lock held. */
    private void addException(long oldChunk, long newChunk) {
        assert lock.isHeldByCurrentThread();
        complete.put(oldChunk, newChunk);
    }

    /** Whether the bug switch {@code b} is on in this engine. */
    boolean bug(EngineBug b) {
        return kernel.bug(b);
    }

    // ------------------------------------------------------------------ accessors

    @Override
    public String typeName() {
        return "snapshot";
    }

    BlockDevice originDevice() {
        return origin;
    }

    BlockDevice cowDevice() {
        return cow;
    }

    /** The store's chunk size (0 while a handover destination). */
    long chunkSize() {
        return store.chunkSize();
    }

    boolean isActive() {
        return active;
    }

    /** Whether the snapshot is valid (not "Invalid"). */
    public boolean isValid() {
        return valid;
    }

    @Override
    protected long maxIoLen() {
        return maxIoLen;
    }

    // ------------------------------------------------------------------ I/O

    @Override
    public Mapping map(Bio bio) {
        if (!valid) {
            return Mapping.kill();
        }
        lock.lock();
        try {
            if (!valid || (overflowed && bio.write)) {
                return Mapping.kill();
            }
            ExceptionStore st = store;
            long chunk = bio.sector >>> st.chunkShift();
            long mask = st.chunkMask();
            long e = complete.get(chunk, -1);
            if (e >= 0 || complete.containsKey(chunk)) {
                return Mapping.remap(cow, remapSector(st, e, chunk, bio.sector), bio);
            }
            if (!bio.write) {
                tracked.add(chunk, 1);
                return trackedRead(bio, chunk);
            }
            PendingException pe = pending.get(chunk);
            if (pe == null) {
                pe = newPending(chunk);
                if (pe == null) {
                    allocationFailedOnWrite();
                    return Mapping.kill();
                }
            }
            long cowSector = (pe.newChunk << st.chunkShift()) | (bio.sector & mask);
            if (!pe.started && bio.count == st.chunkSize()) {
                pe.started = true;
                pe.fullBio = bio;
                PendingException full = pe;
                return new Mapping() {
                    @Override
                    public void start() {
                        copy(full);
                    }

                    @Override
                    public void finish() throws IOException {
                        if (!full.await()) {
                            throw new IOException("exception failed");
                        }
                    }
                };
            }
            PendingException owned = null;
            if (!pe.started) {
                pe.started = true;
                owned = pe;
            }
            return queuedWrite(pe, owned, cowSector, bio);
        } finally {
            lock.unlock();
        }
    }

    private static long remapSector(ExceptionStore st, long newChunk, long chunk, long sector) {
        return (newChunk << st.chunkShift()) | (sector & st.chunkMask());
    }

    private Mapping trackedRead(Bio bio, long chunk) {
        return () -> {
            try {
                origin.read(bio.sector, bio.buf, bio.off, bio.count);
            } finally {
                untrack(chunk);
            }
        };
    }

    private void untrack(long chunk) {
        lock.lock();
        try {
            long left = tracked.add(chunk, -1);
            assert left >= 0 : "tracked count below zero";
            if (left == 0) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private Mapping queuedWrite(PendingException pe, PendingException owned, long cowSector, Bio bio) {
        return new Mapping() {
            @Override
            public void start() {
                if (owned != null) {
                    copy(owned);
                }
            }

            @Override
            public void finish() throws IOException {
                if (!pe.await()) {
                    throw new IOException("exception failed");
                }
                cow.write(cowSector, bio.buf, bio.off, bio.count, false);
            }
        };
    }

    /** A snapshot write could not get a cow chunk: overflow ("PO") or invalidation. Lock held. */
    private void allocationFailedOnWrite() {
        if (store.userspaceSupportsOverflow()) {
            if (valid && !overflowed) {
                overflowed = true;
                log.log(PREFIX + "Snapshot overflowed: Unable to allocate exception.");
            }
        } else {
            invalidate(Errno.ENOMEM);
        }
    }

    /**
     * Allocates a pending exception for {@code chunk}, or returns null when the store is full.
     * Lock held.
     */
    private PendingException newPending(long chunk) {
        assert lock.isHeldByCurrentThread();
        assert pending.get(chunk) == null && !complete.containsKey(chunk) : "duplicate exception";
        long newChunk = store.prepare();
        if (newChunk < 0) {
            return null;
        }
        PendingException pe = new PendingException(this, store, chunk, newChunk, startSequence++);
        pending.put(chunk, pe);
        pendingExceptions++;
        return pe;
    }

    /**
     * The part of __origin_write for this snapshot: makes sure a write at origin {@code sector}
     * gets an exception here. Returns the pending exception to wait for (null: nothing to do); adds
     * it to {@code toStart} when the caller must start it.
     */
    PendingException originWrite(long sector, List<PendingException> toStart) {
        if (sector >= table().size()) {
            return null;
        }
        lock.lock();
        try {
            if (!valid || !active) {
                return null;
            }
            long chunk = sector >>> store.chunkShift();
            PendingException pe = pending.get(chunk);
            if (pe == null) {
                if (complete.containsKey(chunk)) {
                    return null;
                }
                pe = newPending(chunk);
                if (pe == null) {
                    invalidate(Errno.ENOMEM);
                    return null;
                }
            }
            if (!pe.started) {
                pe.started = true;
                toStart.add(pe);
            }
            return pe;
        } finally {
            lock.unlock();
        }
    }

    /** start_copy / start_full_bio then copy_callback: copies the chunk, then completes in order. */
    void copy(PendingException pe) {
        assert pe.snap == this && pe.started;
        ExceptionStore st = pe.store;
        long chunkSectors = st.chunkSize();
        long dst = pe.newChunk << st.chunkShift();
        try {
            if (pe.fullBio != null) {
                cow.write(dst, pe.fullBio.buf, pe.fullBio.off, pe.fullBio.count, false);
            } else {
                long src = pe.oldChunk << st.chunkShift();
                long n = Math.min(chunkSectors, origin.sectors() - src);
                if (n <= 0) {
                    throw new IOException("copy source beyond the origin");
                }
                origin.copyTo(src, cow, dst, (int) n);
            }
        } catch (IOException e) {
            pe.copyError = !kernel.bug(dev.snapref.engine.EngineBug.COPY_ERROR_REPORTED_AS_SUCCESS);
        }
        copyDone(pe);
    }

    private void copyDone(PendingException pe) {
        completionLock.lock();
        try {
            if (kernel.bug(EngineBug.COMMIT_OUT_OF_ORDER)) {
                completeLatestFirst(pe);
                return;
            }
            if (pe.sequence != completeSequence) {
                outOfOrder.put(pe.sequence, pe);
                return;
            }
            completeSequence++;
            completeException(pe);
            PendingException next;
            while ((next = outOfOrder.remove(completeSequence)) != null) {
                completeSequence++;
                completeException(next);
            }
        } finally {
            completionLock.unlock();
        }
    }

    /**
     * Bug {@link EngineBug#COMMIT_OUT_OF_ORDER}: completion order is copy-finish order, as before
     * 230c83afdd9c; modelled as: copied exceptions wait until every pending exception of this
     * snapshot is copied, then complete latest first. completionLock held.
     */
    private void completeLatestFirst(PendingException pe) {
        copiedLifo.push(pe);
        int outstanding;
        lock.lock();
        try {
            outstanding = pendingExceptions;
        } finally {
            lock.unlock();
        }
        if (copiedLifo.size() < outstanding) {
            return;
        }
        while (!copiedLifo.isEmpty()) {
            completeException(copiedLifo.pop());
        }
    }

    /** complete_exception: commit to the store; run the callbacks it says are due. */
    private void completeException(PendingException pe) {
        assert completionLock.isHeldByCurrentThread();
        List<Committed> due;
        lock.lock();
        try {
            assert pe.store == store || kernel.bug(EngineBug.PENDING_ON_OLD_STORE)
                    || kernel.bug(EngineBug.BROKEN_HANDOVER_LOCKING)
                    : "pending exception outlived a handover (kernel fix b735fede8d95)";
            due = pe.store.commit(pe.oldChunk, pe.newChunk, !pe.copyError, pe);
        } finally {
            lock.unlock();
        }
        for (Committed c : due) {
            pendingComplete((PendingException) c.token(), c.success());
        }
    }

    /** pending_complete: publish the exception (or fail it), wait for conflicting reads, wake waiters. */
    private void pendingComplete(PendingException pe, boolean success) {
        boolean error;
        lock.lock();
        try {
            if (!success) {
                invalidate(Errno.EIO);
                error = true;
            } else if (!valid) {
                error = true;
            } else {
                complete.put(pe.oldChunk, pe.newChunk);
                error = false;
                while (tracked.get(pe.oldChunk, 0) > 0) {
                    changed.awaitUninterruptibly();
                }
            }
            PendingException removed = pending.remove(pe.oldChunk);
            assert removed == pe : "pending table out of step";
            pendingExceptions--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        pe.finish(error);
    }

    /** __invalidate_snapshot. Lock held. */
    private void invalidate(Errno err) {
        assert lock.isHeldByCurrentThread();
        if (!valid) {
            return;
        }
        if (err == Errno.EIO) {
            log.log(PREFIX + "Invalidating snapshot: Error reading/writing.");
        } else if (err == Errno.ENOMEM) {
            log.log(PREFIX + "Invalidating snapshot: Unable to allocate exception.");
        }
        if (store.canDrop()) {
            store.drop();
        }
        valid = false;
    }

    @Override
    public List<dev.snapref.engine.core.DeviceArea> devices() {
        return List.of(new dev.snapref.engine.core.DeviceArea(kernel.logName(originPath, origin), origin, 0, length()),
                new dev.snapref.engine.core.DeviceArea(kernel.logName(cowPath, cow), cow, 0, cow.sectors()));
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public int preresume() {
        origins.lock().readLock().lock();
        try {
            Sharing sh = origins.findSharingCow(this);
            if (sh.handoverPending()) {
                if (sh.src() == this) {
                    log.log(PREFIX + "Unable to resume snapshot source until handover completes.");
                    return -Errno.EINVAL.number();
                }
                if (!sh.src().table().md().isSuspended() && !kernel.bug(EngineBug.PRERESUME_SKIPS_SUSPEND_CHECK)) {
                    log.log(PREFIX + "Unable to perform snapshot handover until source is suspended.");
                    return -Errno.EINVAL.number();
                }
            }
            return 0;
        } finally {
            origins.lock().readLock().unlock();
        }
    }

    @Override
    public void resume() {
        MappedDevice originMd = null;
        origins.lock().readLock().lock();
        try {
            SnapshotOriginTarget o = origins.lookupDmOrigin(origin);
            if (o != null && o.table().md() != table().md()) {
                originMd = o.table().md();
            }
        } finally {
            origins.lock().readLock().unlock();
        }
        // hold origin I/O off so no exception from an origin write is pending during the swap
        boolean holdOff = !kernel.bug(EngineBug.PENDING_ON_OLD_STORE) && !kernel.bug(EngineBug.BROKEN_HANDOVER_LOCKING);
        boolean held = originMd != null && holdOff && originMd.internalSuspendFast();
        try {
            origins.lock().readLock().lock();
            try {
                Sharing sh = origins.findSharingCow(this);
                if (sh.handoverPending()) {
                    handover(sh.src(), sh.dest());
                }
            } finally {
                origins.lock().readLock().unlock();
            }
            // Deliberate deviation from 6.1, which does these two steps after resuming the origin:
            // there, an origin write in between skips the new owner of the exceptions (valid but
            // not yet active) and the old one (invalid), so it reaches the origin without an
            // exception and the handed-over snapshot loses the chunk. Sequentially identical.
            origins.reregister(this);
            lock.lock();
            try {
                active = true;
            } finally {
                lock.unlock();
            }
        } finally {
            if (held) {
                originMd.internalResumeFast();
            }
        }
    }

    /**
     * __handover_exceptions: swaps the complete tables and the stores (by reference, O(1)); the
     * destination inherits validity and overflow, the source becomes invalid and owns the
     * destination's never-initialised store.
     */
    private static void handover(SnapshotTarget src, SnapshotTarget dest) {
        boolean locking = !dest.kernel.bug(EngineBug.BROKEN_HANDOVER_LOCKING);
        if (locking) {
            src.lock.lock();
            dest.lock.lock();
        }
        try {
            assert src.pendingExceptions == 0 || !locking || dest.kernel.bug(EngineBug.PENDING_ON_OLD_STORE)
                    : "handover with pending exceptions in the source";
            LongLongMap t = dest.complete;
            dest.complete = src.complete;
            src.complete = t;
            ExceptionStore destOld = dest.store;
            dest.store = src.store;
            dest.store.setUserspaceSupportsOverflow(destOld.userspaceSupportsOverflow());
            src.store = destOld;
            dest.maxIoLen = dest.store.chunkSize();
            if (dest.kernel.bug(EngineBug.DEST_KEEPS_TABLE_CHUNK_SIZE) && dest.tableChunkSize != 0) {
                dest.maxIoLen = dest.tableChunkSize;
                dest.keptTableChunkSize = true;
            }
            dest.valid = src.valid;
            dest.overflowed = src.overflowed;
            if (!dest.kernel.bug(EngineBug.SOURCE_VALID_AFTER_HANDOVER)) {
                src.valid = false;
            }
        } finally {
            if (locking) {
                dest.lock.unlock();
                src.lock.unlock();
            }
        }
    }

    @Override
    public void destroy() {
        origins.lock().readLock().lock();
        try {
            Sharing sh = origins.findSharingCow(this);
            if (sh.handoverPending() && sh.src() == this && !kernel.bug(EngineBug.NO_CANCEL_ON_SOURCE_DESTROY)) {
                SnapshotTarget dest = sh.dest();
                dest.lock.lock();
                try {
                    dest.valid = false;
                } finally {
                    dest.lock.unlock();
                }
                log.log(PREFIX + "Cancelling snapshot handover.");
            }
        } finally {
            origins.lock().readLock().unlock();
        }
        origins.unregister(this);
        lock.lock();
        try {
            while (pendingExceptions > 0) {
                changed.awaitUninterruptibly();
            }
            assert tracked.size() == 0 : "destroyed with reads in flight";
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ status

    @Override
    public String statusInfo() {
        lock.lock();
        try {
            if (!valid) {
                return "Invalid";
            }
            if (overflowed) {
                return "Overflow";
            }
            StoreUsage u = store.usage();
            return u.sectorsAllocated() + "/" + u.totalSectors() + " " + u.metadataSectors();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String statusTable() {
        lock.lock();
        try {
            String storeStatus = store.tableStatus();
            if (keptTableChunkSize) {
                storeStatus = storeStatus.substring(0, storeStatus.lastIndexOf(' ') + 1) + tableChunkSize;
            }
            StringBuilder sb = new StringBuilder(originPath).append(' ').append(cowPath).append(storeStatus);
            int n = (discardZeroesCow ? 1 : 0) + (discardPassdownOrigin ? 1 : 0);
            if (n > 0) {
                sb.append(' ').append(n);
                if (discardZeroesCow) {
                    sb.append(" discard_zeroes_cow");
                }
                if (discardPassdownOrigin) {
                    sb.append(" discard_passdown_origin");
                }
            }
            return sb.toString();
        } finally {
            lock.unlock();
        }
    }

    /** A consistent read-only view of this snapshot (flags, store, completed exceptions), taken under its lock. */
    public dev.snapref.engine.inspect.TableState inspect() {
        lock.lock();
        try {
            java.util.TreeMap<Long, Long> ex = new java.util.TreeMap<>();
            complete.forEach((oldChunk, newChunk) -> ex.put(oldChunk, newChunk));
            String type = store.tableStatus().trim().split(" ")[0];
            return new dev.snapref.engine.inspect.TableState("snapshot", valid, active, store.chunkSize(), type,
                    cowPath, ex, 0);
        } finally {
            lock.unlock();
        }
    }

    /** Number of completed exceptions (tests). */
    public int completeCount() {
        lock.lock();
        try {
            return complete.size();
        } finally {
            lock.unlock();
        }
    }
}
