package dev.snapref.engine.store;

import dev.snapref.engine.BlockDevice;
import dev.snapref.engine.KernelLog;

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
    protected boolean construct(String options) {
        return true; // options are ignored by the transient type
    }

    @Override
    public int readMetadata(ExceptionSink sink) {
        return 0;
    }

    @Override
    public long prepare() {
        if (cow.sectors() < nextFreeSector + chunkSize()) {
            return -1;
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
    public String tableStatus() {
        return " N " + chunkSize();
    }
}
