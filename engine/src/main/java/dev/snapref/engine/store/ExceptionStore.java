package dev.snapref.engine.store;

import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.inspect.StoreKind;
import dev.snapref.engine.kernel.DmException;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.engine.kernel.Errno;
import dev.snapref.engine.kernel.KernelLog;

import java.util.List;
import java.util.Optional;
import java.util.Set;

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
    private Set<EngineBug> bugs = Set.of();
    /** {@link #bugs} as a bit per ordinal. */
    private long bugMask;

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

    /** Turns on the engine's bug switches for this store (see {@link EngineBug}). */
    public final void setBugs(Set<EngineBug> bugs) {
        this.bugs = Set.copyOf(bugs);
        this.bugMask = EngineBug.mask(this.bugs);
    }

    /** Whether the bug switch {@code b} is on for this store. */
    protected final boolean bug(EngineBug b) {
        return (bugMask & 1L << b.ordinal()) != 0;
    }

    /** The "PO" flag: userspace copes with an "Overflow" status instead of invalidation. */
    public final boolean userspaceSupportsOverflow() {
        return userspaceSupportsOverflow;
    }

    public final void setUserspaceSupportsOverflow(boolean value) {
        userspaceSupportsOverflow = value;
    }

    /**
     * Reads existing metadata (or initialises a new store), passing every committed exception to
     * {@code sink}. Returns true when the store is valid, false when it is marked invalid; fails
     * with the kernel's errno (after logging what the kernel logs).
     */
    public abstract boolean readMetadata(ExceptionSink sink) throws DmException;

    /** Allocates a cow chunk and returns it; fails with ENOSPC when the cow is full. */
    public abstract long prepare() throws DmException;

    /**
     * Records the completed exception and returns the commits whose callbacks are now due (possibly
     * none: the store may batch them until no prepared exception is outstanding).
     */
    public abstract List<Committed> commit(long oldChunk, long newChunk, boolean valid, Object token);

    /**
     * {@link #commit} of an exception prepared when no other was outstanding, so its callback is
     * due at once and alone: returns its success. The same commit as {@link #commit} (the same
     * requests), without a list of callbacks.
     */
    public abstract boolean commitAlone(long oldChunk, long newChunk, boolean valid);

    /**
     * prepare_merge: the newest run of consecutive committed exceptions, stepping back to the
     * previous metadata area (read from the cow) when the current one is empty; fails with an
     * {@link java.io.IOException} when that read fails or the store type cannot merge.
     */
    public abstract MergeRun prepareMerge() throws java.io.IOException;

    /**
     * commit_merge: clears the last {@code merged} committed exceptions and writes the area (a
     * flush, then the chunk with FUA); fails with an {@link java.io.IOException} when that write fails
     * (the entries stay cleared in memory, the count unchanged).
     */
    public abstract void commitMerge(int merged) throws java.io.IOException;

    /** Whether the store type can be dropped (persistent can, transient cannot). */
    public abstract boolean canDrop();

    /** Marks the store invalid (persistent: rewrites the header with valid = 0). */
    public abstract void drop();

    /** Usage for the status line. */
    public abstract StoreUsage usage();

    /** The store's word in table lines: {@code P}, {@code PO} or {@code N}. */
    public abstract String typeWord();

    /** Which kind of store this is. */
    public abstract StoreKind kind();

    /**
     * Constructs a store from the table words {@code <persistent?> <chunksize>}, like
     * dm_exception_store_create: fails with EINVAL and the inner error text (which snapshot_ctr
     * replaces by "Couldn't create exception store"); only the persistent option error is logged.
     */
    public static ExceptionStore create(String type, String chunkArg, BlockDevice cow, KernelLog log)
            throws DmException {
        char persistent = type.isEmpty() ? 0 : Character.toUpperCase(type.charAt(0));
        ExceptionStore store;
        if (persistent == 'P') {
            store = new PersistentStore(cow, log);
        } else if (persistent == 'N') {
            store = new TransientStore(cow, log);
        } else {
            throw new DmException(Errno.EINVAL, "Exception store type is not P or N");
        }
        long chunk = ChunkSize.parseUnsigned(chunkArg)
                .orElseThrow(() -> new DmException(Errno.EINVAL, "Invalid chunk size"));
        if (chunk != 0) {
            Optional<String> invalid = ChunkSize.invalidReason(chunk, 1);
            if (invalid.isPresent()) {
                throw new DmException(Errno.EINVAL, invalid.get());
            }
            store.setChunkSize(chunk);
        }
        String options = type.length() > 1 ? type.substring(1) : null;
        store.construct(options);
        return store;
    }

    /** The type's constructor with the option characters after the type letter (null: none). */
    protected abstract void construct(String options) throws DmException;
}
