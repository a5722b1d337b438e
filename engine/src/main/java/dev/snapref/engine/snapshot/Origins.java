package dev.snapref.engine.snapshot;

import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.inspect.StoreKind;
import dev.snapref.engine.kernel.DmException;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.engine.kernel.Errno;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The registry of origins (_origins / _dm_origins in dm-snap.c): for each origin block device the
 * list of its snapshots, sorted by chunk size largest first, and the snapshot-origin targets
 * registered at their resume. Guarded by {@link #lock()} (_origins_lock): readers for lookups,
 * writers for changes. Lock order: taken after the control lock, before any snapshot's lock.
 */
public final class Origins {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<BlockDevice, List<SnapshotTarget>> snapshots = new IdentityHashMap<>();
    /** A read-only view of each list of {@link #snapshots}, made with the list (no view allocated per lookup). */
    private final Map<BlockDevice, List<SnapshotTarget>> views = new IdentityHashMap<>();
    private final Map<BlockDevice, List<SnapshotOriginTarget>> dmOrigins = new IdentityHashMap<>();
    /**
     * Bumped whenever a snapshot may start to need exceptions it did not need before: a snapshot
     * registered, unregistered or re-registered, or activated ({@link #changed()}). An origin
     * write whose first pass over the snapshots saw generation {@code g} and finds {@code g}
     * again after its exceptions completed would find nothing new in a second pass.
     */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    public ReentrantReadWriteLock lock() {
        return lock;
    }

    /** The current generation (see the field's comment). */
    long generation() {
        return generation.get();
    }

    /** A snapshot's need for exceptions may have changed (it became active). */
    void changed() {
        generation.incrementAndGet();
    }

    /**
     * The snapshots of {@code origin} in list order, as a read-only view that is valid only while
     * the read lock is held (writers change the list under the write lock); empty if none.
     */
    List<SnapshotTarget> snapshotsOf(BlockDevice origin) {
        assert lock.getReadHoldCount() > 0 || lock.isWriteLockedByCurrentThread() : "_origins_lock not held";
        List<SnapshotTarget> l = views.get(origin);
        return l == null ? List.of() : l;
    }

    /** __find_snapshots_sharing_cow. Read lock held. */
    Sharing findSharingCow(SnapshotTarget snap) {
        assert lock.getReadHoldCount() > 0 || lock.isWriteLockedByCurrentThread() : "_origins_lock not held";
        List<SnapshotTarget> l = snapshots.get(snap.origin);
        int count = 0;
        SnapshotTarget src = null;
        SnapshotTarget dest = null;
        if (l != null) {
            for (SnapshotTarget s : l) {
                if (s.cow != snap.cow) {
                    continue;
                }
                if (s.active) {
                    src = s;
                } else {
                    dest = s;
                }
                count++;
            }
        }
        return new Sharing(count, src, dest);
    }

    /** What {@link #register} made of a new snapshot. */
    enum Registration {
        /** No live snapshot shares its cow: it owns its store. */
        SNAPSHOT,
        /** A live snapshot shares its cow: this one waits to take over its store at resume. */
        HANDOVER_DESTINATION
    }

    /**
     * register_snapshot: validates the handover pairing and inserts the snapshot. Fails with EINVAL
     * (nothing registered) when two snapshots already share the cow or a destination is pending;
     * a merge table when its own store is transient, and a merge destination also when another
     * snapshot of the origin merges or the source's store is transient (__validate_exception_handover).
     */
    Registration register(SnapshotTarget snap) throws DmException {
        lock.writeLock().lock();
        try {
            if (snap.merge && snap.store.kind() == StoreKind.TRANSIENT) {
                // Linux 6.1 refuses a transient merge table with or without a source, before the
                // pairing and one-merge-per-origin checks (seen on the kernel, not in the source we read)
                throw new DmException(Errno.EINVAL, "Snapshot exception store does not support snapshot-merge.");
            }
            Sharing sh = findSharingCow(snap);
            boolean pairingChecked = !snap.bug(EngineBug.THIRD_TABLE_ALLOWED);
            if (pairingChecked && (sh.count() == 2 || sh.dest() != null)) {
                throw new DmException(Errno.EINVAL, "Snapshot cow pairing for exception table handover failed");
            }
            if (sh.src() != null && snap.merge) {
                if (merging(snap.origin) != null) {
                    throw new DmException(Errno.EINVAL, "A snapshot is already merging.");
                }
                if (sh.src().store.kind() == StoreKind.TRANSIENT) {
                    throw new DmException(Errno.EINVAL, "Snapshot exception store does not support snapshot-merge.");
                }
            }
            insert(snap);
            generation.incrementAndGet();
            return sh.src() == null ? Registration.SNAPSHOT : Registration.HANDOVER_DESTINATION;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The last snapshot-merge target registered on {@code origin}, or null. Read lock held. */
    SnapshotTarget merging(BlockDevice origin) {
        assert lock.getReadHoldCount() > 0 || lock.isWriteLockedByCurrentThread() : "_origins_lock not held";
        SnapshotTarget out = null;
        for (SnapshotTarget s : snapshotsOf(origin)) {
            if (s.merge) {
                out = s;
            }
        }
        return out;
    }

    private void insert(SnapshotTarget snap) {
        assert lock.isWriteLockedByCurrentThread() : "_origins_lock not write-held";
        List<SnapshotTarget> l = snapshots.get(snap.origin);
        if (l == null) {
            l = new ArrayList<>();
            snapshots.put(snap.origin, l);
            views.put(snap.origin, java.util.Collections.unmodifiableList(l));
        }
        int i = 0;
        while (i < l.size() && l.get(i).chunkSize() >= snap.chunkSize()) {
            i++;
        }
        l.add(i, snap);
    }

    /** unregister_snapshot: removes it; forgets the origin when its list empties. */
    void unregister(SnapshotTarget snap) {
        lock.writeLock().lock();
        try {
            List<SnapshotTarget> l = snapshots.get(snap.origin);
            if (l != null) {
                boolean removed = l.remove(snap);
                assert removed : "unregister of an unregistered snapshot";
                if (l.isEmpty()) {
                    snapshots.remove(snap.origin);
                    views.remove(snap.origin);
                }
            }
            generation.incrementAndGet();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** reregister_snapshot: re-sorts it now that its chunk size is final. */
    void reregister(SnapshotTarget snap) {
        lock.writeLock().lock();
        try {
            List<SnapshotTarget> l = snapshots.get(snap.origin);
            assert l != null && l.contains(snap) : "reregister of an unregistered snapshot";
            l.remove(snap);
            insert(snap);
            generation.incrementAndGet();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** __minimum_chunk_size: min_not_zero over the snapshots, starting at rounddown_pow_of_two(UINT_MAX). */
    long minimumChunkSize(BlockDevice origin) {
        lock.readLock().lock();
        try {
            long min = 1L << 31;
            for (SnapshotTarget s : snapshotsOf(origin)) {
                long c = s.chunkSize();
                if (c != 0 && c < min) {
                    min = c;
                }
            }
            return min;
        } finally {
            lock.readLock().unlock();
        }
    }

    void insertDmOrigin(SnapshotOriginTarget o) {
        lock.writeLock().lock();
        try {
            dmOrigins.computeIfAbsent(o.device(), k -> new ArrayList<>()).add(o);
        } finally {
            lock.writeLock().unlock();
        }
    }

    void removeDmOrigin(SnapshotOriginTarget o) {
        lock.writeLock().lock();
        try {
            List<SnapshotOriginTarget> l = dmOrigins.get(o.device());
            if (l != null) {
                l.remove(o);
                if (l.isEmpty()) {
                    dmOrigins.remove(o.device());
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** __lookup_dm_origin: the first snapshot-origin target registered for the device, or null. */
    SnapshotOriginTarget lookupDmOrigin(BlockDevice origin) {
        assert lock.getReadHoldCount() > 0 || lock.isWriteLockedByCurrentThread() : "_origins_lock not held";
        List<SnapshotOriginTarget> l = dmOrigins.get(origin);
        return l == null || l.isEmpty() ? null : l.get(0);
    }
}
