package dev.snapref.engine.store;

import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.inspect.StoreKind;
import dev.snapref.engine.kernel.DmException;
import dev.snapref.engine.kernel.Errno;
import dev.snapref.engine.kernel.KernelLog;

import java.util.List;

/**
 * The transient exception store ("N"): allocates cow space from sector 0 upward, keeps nothing on
 * disk, commits immediately, cannot be dropped (dm-snap-transient.c). Guarded by the owning
 * snapshot's lock.
 */
public final class TransientStore extends ExceptionStore {
    private long nextFreeSector;

    TransientStore(BlockDevice cow, KernelLog log) {
        super(cow, log);
    }

    @Override
    protected void construct(String options) {
        // options are ignored by the transient type
    }

    @Override
    public boolean readMetadata(ExceptionSink sink) {
        return true;
    }

    @Override
    public long prepare() throws DmException {
        if (cow.sectors() < nextFreeSector + chunkSize()) {
            throw new DmException(Errno.ENOSPC, "cow full");
        }
        long chunk = nextFreeSector >>> chunkShift();
        nextFreeSector += chunkSize();
        return chunk;
    }

    @Override
    public List<Committed> commit(long oldChunk, long newChunk, boolean valid, Object token) {
        return List.of(new Committed(token, valid));
    }

    @Override
    public boolean commitAlone(long oldChunk, long newChunk, boolean valid) {
        return valid;
    }

    /** A transient store has no prepare_merge (the kernel would oops; the engine fails the merge). */
    @Override
    public MergeRun prepareMerge() throws java.io.IOException {
        throw new java.io.IOException("the transient store cannot merge");
    }

    @Override
    public void commitMerge(int merged) throws java.io.IOException {
        throw new java.io.IOException("the transient store cannot merge");
    }

    @Override
    public boolean canDrop() {
        return false;
    }

    @Override
    public void drop() {
        throw new UnsupportedOperationException("transient store has no drop_snapshot");
    }

    @Override
    public StoreUsage usage() {
        return new StoreUsage(nextFreeSector, cow.sectors(), 0);
    }

    @Override
    public String typeWord() {
        return "N";
    }

    @Override
    public StoreKind kind() {
        return StoreKind.TRANSIENT;
    }
}
