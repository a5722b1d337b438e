package dev.snapref.engine.store;

import dev.snapref.engine.BlockDevice;
import dev.snapref.engine.KernelLog;

import java.util.List;

/**
 * An exception store (dm-exception-store.h): allocates cow chunks for exceptions, makes completed
 * exceptions durable, reports usage. A store is owned by exactly one snapshot at a time; handover
 * moves it to another snapshot by reference. <b>Thread-safety:</b> none of its own: every call is
 * made with the owning snapshot's lock held, and {@link #commit} calls are additionally serialized
 * in allocation order by the owner.
 */
public abstract class ExceptionStore {
    protected final BlockDevice cow;
    protected final KernelLog log;
    private long chunkSize;
    private int chunkShift;
    private boolean userspaceSupportsOverflow;
    private java.util.Set<dev.snapref.engine.EngineBug> bugs = java.util.Set.of();

    protected ExceptionStore(BlockDevice cow, KernelLog log) {
        this.cow = cow;
        this.log = log;
    }

    /** Chunk size in sectors; 0 for a handover destination that has not received a store yet. */
    public final long chunkSize() {
        return chunkSize;
    }

    public final int chunkShift() {
        return chunkShift;
    }

    public final long chunkMask() {
        return chunkSize == 0 ? 0 : chunkSize - 1;
    }

    /** Sets an already validated chunk size (0 allowed: "not set"). */
    public final void setChunkSize(long sectors) {
        assert sectors == 0 || Long.bitCount(sectors) == 1 : "chunk size must be 0 or a power of two";
        chunkSize = sectors;
        chunkShift = sectors == 0 ? 0 : Long.numberOfTrailingZeros(sectors);
    }

    /** Turns on the engine's bug switches for this store (see {@link dev.snapref.engine.EngineBug}). */
    public final void setBugs(java.util.Set<dev.snapref.engine.EngineBug> bugs) {
        this.bugs = java.util.Set.copyOf(bugs);
    }

    /** Whether the bug switch {@code b} is on for this store. */
    protected final boolean bug(dev.snapref.engine.EngineBug b) {
        return bugs.contains(b);
    }

    /** The "PO" flag: userspace copes with an "Overflow" status instead of invalidation. */
    public final boolean userspaceSupportsOverflow() {
        return userspaceSupportsOverflow;
    }

    public final void setUserspaceSupportsOverflow(boolean value) {
        userspaceSupportsOverflow = value;
    }

    /** The cow device this store lives on. */
    public final BlockDevice cow() {
        return cow;
    }

    /**
     * Reads existing metadata (or initialises a new store), passing every committed exception to
     * {@code sink}. Returns 0 when valid, 1 when the store is marked invalid, a negative errno
     * number on failure (after logging what the kernel logs).
     */
    public abstract int readMetadata(ExceptionSink sink);

    /** Allocates a cow chunk; returns it, or -1 when the cow is full. */
    public abstract long prepare();

    /**
     * Records the completed exception and returns the commits whose callbacks are now due (possibly
     * none: the store may batch them until no prepared exception is outstanding).
     */
    public abstract List<Committed> commit(long oldChunk, long newChunk, boolean valid, Object token);

    /** Whether the store type can be dropped (persistent can, transient cannot). */
    public abstract boolean canDrop();

    /** Marks the store invalid (persistent: rewrites the header with valid = 0). */
    public abstract void drop();

    /** Usage for the status line. */
    public abstract StoreUsage usage();

    /** The table-line part of the store, e.g. {@code " P 8"}. */
    public abstract String tableStatus();

    /**
     * Constructs a store from the table words {@code <persistent?> <chunksize>}, like
     * dm_exception_store_create. Returns null on any failure (the caller reports
     * "Couldn't create exception store"); only the persistent option error is logged.
     */
    public static ExceptionStore create(String type, String chunkArg, BlockDevice cow, KernelLog log) {
        char persistent = type.isEmpty() ? 0 : Character.toUpperCase(type.charAt(0));
        ExceptionStore store;
        if (persistent == 'P') {
            store = new PersistentStore(cow, log);
        } else if (persistent == 'N') {
            store = new TransientStore(cow, log);
        } else {
            return null; // "Exception store type is not P or N"
        }
        long chunk = ChunkSize.parseUnsigned(chunkArg);
        if (chunk < 0) {
            return null; // "Invalid chunk size"
        }
        if (chunk != 0) {
            if (ChunkSize.validate(chunk, 1) != null) {
                return null;
            }
            store.setChunkSize(chunk);
        }
        String options = type.length() > 1 ? type.substring(1) : null;
        if (!store.construct(options)) {
            return null; // "Exception store type constructor failed"
        }
        return store;
    }

    /** The type's constructor with the option characters after the type letter; false on error. */
    protected abstract boolean construct(String options);
}
