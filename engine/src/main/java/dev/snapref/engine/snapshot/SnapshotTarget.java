package dev.snapref.engine.snapshot;

import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.dm.Bio;
import dev.snapref.engine.dm.DeviceArea;
import dev.snapref.engine.dm.DmContext;
import dev.snapref.engine.dm.Mapping;
import dev.snapref.engine.dm.Table;
import dev.snapref.engine.dm.Target;
import dev.snapref.engine.inspect.MergeView;
import dev.snapref.engine.inspect.SnapshotView;
import dev.snapref.engine.inspect.TargetView;
import dev.snapref.engine.kernel.DmException;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.engine.kernel.Errno;
import dev.snapref.engine.kernel.KernelLog;
import dev.snapref.engine.store.ExceptionStore;

import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@code snapshot} target (dm-snap.c, target version 1.16.0): the state of one snapshot table
 * (struct dm_snapshot) and its dm hooks. The work is split along dm-snap.c's seams: the
 * constructor's arguments ({@link SnapshotArgs}), the exception tables ({@link CompleteExceptions},
 * {@link PendingExceptions}, {@link TrackedChunks}), the I/O path ({@link SnapshotMap}), exception
 * completion ({@link ExceptionCompletion}, {@link CompletionOrder}), the handover
 * ({@link Handover}) and the status lines ({@link SnapshotStatus}).
 *
 * <p>Guarantees: reads see the origin as it was when the snapshot became active, plus the
 * snapshot's own writes; a read of a chunk whose exception is pending goes to the origin, whose
 * chunk cannot change before the exception completes and every such read has finished (tracked
 * chunks), so no read sees a half-copied chunk. Exceptions complete in allocation order.
 *
 * <p>Locking: {@link #lock} (s->lock) guards valid/active/overflowed, the complete, pending and
 * tracked tables, the store and its allocation. {@link #completionLock} serializes completions
 * (the kcopyd callback context) and is taken before {@link #lock}. Handover takes the source's
 * lock before the destination's. The lock order of the whole engine is in the engine's
 * {@code package-info}.
 */
public final class SnapshotTarget extends Target {
    static final String PREFIX = "snapshots: ";

    final DmContext ctx;
    final KernelLog log;
    final Origins origins;
    final SnapshotArgs args;
    final BlockDevice origin;
    final BlockDevice cow;

    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();
    final ReentrantLock completionLock = new ReentrantLock();
    final CompletionOrder completionOrder = new CompletionOrder();

    volatile ExceptionStore store;
    CompleteExceptions complete = new CompleteExceptions();
    final PendingExceptions pending = new PendingExceptions();
    final TrackedChunks tracked = new TrackedChunks();
    volatile boolean valid = true;
    volatile boolean active;
    volatile boolean overflowed;
    volatile long maxIoLen;
    /** The chunk size of this table's own line (0: none given); a handover destination ignores it. */
    final long tableChunkSize;
    /** Bug {@link EngineBug#DEST_KEEPS_TABLE_CHUNK_SIZE}: this destination kept its table's chunk size. */
    boolean keptTableChunkSize;
    /** The table is {@code snapshot-merge}: it merges its exceptions into the origin. */
    final boolean merge;
    /** The background merge (null for a {@code snapshot} table). */
    final Merger merger;
    /** A merge step failed ("Merge failed"); guarded by {@link #lock}. */
    volatile boolean mergeFailed;

    private SnapshotTarget(Table t, long begin, long length, DmContext ctx, Origins origins, SnapshotArgs args,
                           BlockDevice origin, BlockDevice cow, ExceptionStore store, boolean merge) {
        super(t, begin, length);
        this.merge = merge;
        this.merger = merge ? new Merger(this) : null;
        this.ctx = ctx;
        this.log = ctx.log();
        this.origins = origins;
        this.args = args;
        this.origin = origin;
        this.cow = cow;
        this.store = store;
        this.tableChunkSize = store.chunkSize();
    }

    /**
     * snapshot_ctr: {@code <origin> <cow> <P|PO|N> <chunksize> [<#features> <feature>...]}, for a
     * {@code snapshot} or (with {@code merge}) a {@code snapshot-merge} table.
     */
    static SnapshotTarget construct(Table t, long begin, long length, String[] argv, DmContext ctx, Origins origins,
                                    boolean merge) throws DmException {
        SnapshotArgs args = SnapshotArgs.parse(argv);
        BlockDevice origin = open(ctx, args.originPath(), t, "Cannot get origin device");
        if (resolvesTo(ctx, args.cowPath(), t, origin)) {
            throw new DmException(Errno.EINVAL, "COW device cannot be the same as origin device");
        }
        BlockDevice cow = open(ctx, args.cowPath(), t, "Cannot get COW device");
        ExceptionStore store;
        try {
            store = ExceptionStore.create(args.storeType(), args.chunkSize(), cow, ctx.log());
        } catch (DmException e) {
            throw new DmException(Errno.EINVAL, "Couldn't create exception store");
        }
        store.setBugs(ctx.bugs());
        SnapshotTarget s = new SnapshotTarget(t, begin, length, ctx, origins, args, origin, cow, store, merge);
        if (origins.register(s) == Origins.Registration.HANDOVER_DESTINATION) {
            // metadata stays with the source; the chunk size comes with the handover
            s.store.setChunkSize(0);
            return s;
        }
        try {
            s.readMetadata();
        } catch (DmException e) {
            origins.unregister(s);
            throw e;
        }
        return s;
    }

    private static BlockDevice open(DmContext ctx, String path, Table t, String tiError) throws DmException {
        try {
            return ctx.resolver().open(path, t.md());
        } catch (DmException e) {
            throw new DmException(e.errno(), tiError);
        }
    }

    /** dm_get_dev_t: whether {@code path} names {@code dev} (a path that names nothing does not). */
    private static boolean resolvesTo(DmContext ctx, String path, Table t, BlockDevice dev) {
        try {
            return ctx.resolver().open(path, t.md()) == dev;
        } catch (DmException e) {
            return false;
        }
    }

    /** The rest of snapshot_ctr for a snapshot that owns its store: read_metadata, then the chunk size. */
    private void readMetadata() throws DmException {
        boolean storeValid;
        lock.lock();
        try {
            LoadedRuns loaded = new LoadedRuns();
            storeValid = store.readMetadata(loaded);
            loaded.publish(complete);
        } catch (DmException e) {
            throw new DmException(e.errno(), "Failed to read snapshot metadata");
        } finally {
            lock.unlock();
        }
        if (!storeValid) {
            valid = false;
            log.log(PREFIX + "Snapshot is marked invalid.");
        }
        if (store.chunkSize() == 0) {
            throw new DmException(Errno.EINVAL, "Chunk size not set");
        }
        maxIoLen = store.chunkSize();
    }

    /** Whether the bug switch {@code b} is on in this engine. */
    boolean bug(EngineBug b) {
        return ctx.bug(b);
    }

    @Override
    public String typeName() {
        return merge ? "snapshot-merge" : "snapshot";
    }

    /** The store's chunk size (0 while a handover destination). */
    long chunkSize() {
        return store.chunkSize();
    }

    @Override
    protected long maxIoLen() {
        return maxIoLen;
    }

    /**
     * A write to a snapshot has every piece mapped (its exceptions allocated) before any completes:
     * Linux 6.1 recorded so (testdata/goldens/snapshot-write-overflow-metadata: a write that
     * overflows the cow leaves no exception in the metadata, since the store was invalidated while
     * the earlier pieces were still pending). A merge target keeps dm core's default.
     */
    @Override
    public boolean firstWritePieceAlone() {
        return merge;
    }

    @Override
    public Mapping map(Bio bio) {
        return merge ? MergeMap.map(this, bio) : SnapshotMap.map(this, bio);
    }

    /** __invalidate_snapshot: logs why, drops a persistent store, marks the snapshot invalid. Lock held. */
    void invalidate(Errno err) {
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
        assert !valid : "invalidated";
    }

    @Override
    public List<DeviceArea> devices() {
        return List.of(new DeviceArea(ctx.logName(args.originPath(), origin), origin, 0, length()),
                new DeviceArea(ctx.logName(args.cowPath(), cow), cow, 0, cow.sectors()));
    }

    /** A REQ_PREFLUSH bio: snapshot_map sends it to the cow, snapshot_merge_map to the origin and the cow. */
    @Override
    public void flush() throws java.io.IOException {
        if (merge) {
            origin.flush();
        }
        cow.flush();
    }

    /** A merge target whose merge is running. */
    @Override
    public boolean busy() {
        return merge && merger.running();
    }

    /** snapshot_merge_presuspend: the merge stops (it restarts at resume). */
    @Override
    public void presuspend() {
        if (merge) {
            merger.stop();
        }
    }

    @Override
    public void preresume() throws DmException {
        Handover.preresume(this);
    }

    /**
     * snapshot_resume (the handover); a merge target then splits I/O at the origin's smallest chunk
     * size (snapshot_merge_resume) and starts merging.
     */
    @Override
    public void resume() {
        Handover.resume(this);
        if (merge) {
            maxIoLen = origins.minimumChunkSize(origin);
            merger.start();
        }
    }

    @Override
    public void destroy() {
        Handover.cancelIfSource(this);
        if (merge) {
            merger.stop();
        }
        origins.unregister(this);
        lock.lock();
        try {
            while (pending.count() > 0) {
                ctx.interleaving().await(lock, changed, "destroy: wait for pending exceptions");
            }
            assert tracked.idle() : "destroyed with reads in flight";
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String statusInfo() {
        return SnapshotStatus.info(this);
    }

    @Override
    public String statusTable() {
        return SnapshotStatus.table(this);
    }

    /**
     * A consistent read-only view of this snapshot (flags, store, completed exceptions; for a merge
     * target also whether merging failed), taken under its lock.
     */
    @Override
    public TargetView view() {
        lock.lock();
        try {
            ExceptionStore st = store;
            SnapshotView v = new SnapshotView(length(), valid, active, overflowed, st.chunkSize(), st.kind(),
                    st.userspaceSupportsOverflow(), args.cowPath(), complete.copy());
            return merge ? new MergeView(v, mergeFailed) : v;
        } finally {
            lock.unlock();
        }
    }
}
