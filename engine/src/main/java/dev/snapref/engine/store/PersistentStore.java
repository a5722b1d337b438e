package dev.snapref.engine.store;

import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.inspect.StoreKind;
import dev.snapref.engine.kernel.DmException;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.engine.kernel.Errno;
import dev.snapref.engine.kernel.KernelLog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The persistent exception store ("P"/"PO"), writing the kernel's on-disk format
 * ({@link DiskFormat}) exactly as Linux 6.1 does: the header at creation and invalidation only;
 * the current metadata area (with flush + FUA) when no prepared exception is outstanding or the
 * area is full, after zeroing the next area when it is full; next_free never lands on a metadata
 * chunk. Guarded by the owning snapshot's lock (see {@link ExceptionStore}).
 *
 * <p>Every metadata request is the kernel's chunk_io: a whole chunk (header, area, zeroed area);
 * an area commit is a flush and then a FUA write of the whole area chunk (area_io with
 * REQ_PREFLUSH | REQ_FUA). So the request sequence on the cow, not only the image it leaves, is
 * the kernel's: what a torn or failed request, or a crash between two requests, leaves is too.
 */
public final class PersistentStore extends ExceptionStore {
    private static final String PREFIX = "persistent snapshot: ";

    private boolean valid = true;
    private int version = DiskFormat.VERSION;
    private long nextFree = DiskFormat.HEADER_CHUNKS + 1;
    private long currentArea;
    private int currentCommitted;
    private long exceptionsPerArea;
    /** Where the areas lie for {@link #exceptionsPerArea} (set with it). */
    private AreaChunks areaChunks;
    private byte[] area;
    private int pendingCount;
    /**
     * Entries of the current area the cow held, byte for byte as in {@link #area}, after this
     * store's last read, zeroing or write of it; -1 when unknown. The hint of {@link #writeArea}:
     * every byte of {@link #area} that changed since its last read, zeroing or write lies in an
     * entry from this one on (each change of the area keeps it so), which is what {@link
     * BlockDevice#rewrite} lets a device rely on.
     */
    private int writtenEntries = -1;
    private final List<Object> callbacks = new ArrayList<>();
    private final ChunkIo io;

    PersistentStore(BlockDevice cow, KernelLog log) {
        super(cow, log);
        this.io = new ChunkIo(cow);
    }

    @Override
    protected void construct(String options) throws DmException {
        if (options != null) {
            if (Character.toUpperCase(options.charAt(0)) == 'O') {
                setUserspaceSupportsOverflow(true);
            } else {
                log.log(PREFIX + "Unsupported persistent store option: " + options);
                throw new DmException(Errno.EINVAL, "Exception store type constructor failed");
            }
        }
    }

    @Override
    public boolean readMetadata(ExceptionSink sink) throws DmException {
        boolean supplied = chunkSize() != 0;
        if (!supplied) {
            setChunkSize(ChunkSize.DEFAULT_SECTORS);
        }
        byte[] header = readHeaderChunk();
        int magic = DiskFormat.le32(header, 0);
        if (magic == 0) {
            initialiseNew();
            return true;
        }
        if (magic != DiskFormat.MAGIC) {
            log.log(PREFIX + "Invalid or corrupt snapshot");
            throw new DmException(Errno.ENXIO, "Invalid or corrupt snapshot");
        }
        valid = DiskFormat.le32(header, 4) != 0;
        version = DiskFormat.le32(header, 8);
        adoptDiskChunkSize(DiskFormat.le32(header, 12) & 0xFFFF_FFFFL, supplied);
        exceptionsPerArea = DiskFormat.exceptionsPerArea(chunkSize());
        areaChunks = new AreaChunks(exceptionsPerArea);
        // An on-disk chunk size (valid as a chunk size) may put area 0 past the end of the cow: the
        // kernel allocates the area and its read fails with EIO after the version and valid checks.
        // The area is not allocated then (a corrupt chunk size of 2^21 sectors would be 1 GiB).
        boolean areaZeroOnCow = io.onCow(DiskFormat.areaLocation(exceptionsPerArea, 0), chunkSize());
        if (areaZeroOnCow) {
            allocateArea();
        }
        if (version != DiskFormat.VERSION) {
            log.log(PREFIX + "unable to handle snapshot disk version " + version);
            throw new DmException(Errno.EINVAL, "unable to handle snapshot disk version");
        }
        if (!valid) {
            return false;
        }
        if (!areaZeroOnCow) {
            throw new DmException(Errno.EIO, "metadata area 0 past the end of the cow");
        }
        readExceptions(sink);
        return true;
    }

    /** read_header's read of chunk 0; EIO when it fails or lies past the end of the cow. */
    private byte[] readHeaderChunk() throws DmException {
        if (!io.onCow(0, chunkSize())) {
            // the read fails with EIO (dm-io), before any chunk-sized buffer is allocated
            throw new DmException(Errno.EIO, "header chunk past the end of the cow");
        }
        byte[] header = new byte[(int) chunkSize() * BlockDevice.SECTOR_SIZE];
        try {
            io.chunk(0, chunkSize(), header, false);
        } catch (IOException e) {
            throw new DmException(Errno.EIO, "read_header");
        }
        return header;
    }

    /** read_header: the on-disk chunk size wins over the table's (logged when the table gave one); EINVAL if invalid. */
    private void adoptDiskChunkSize(long diskChunk, boolean supplied) throws DmException {
        if (diskChunk != chunkSize()) {
            if (supplied) {
                log.log(PREFIX + "chunk size " + diskChunk + " in device metadata overrides table chunk size of "
                        + chunkSize() + ".");
            }
            Optional<String> invalid = ChunkSize.invalidReason(diskChunk, 1);
            if (invalid.isPresent()) {
                log.log(PREFIX + "invalid on-disk chunk size " + diskChunk + ": " + invalid.get() + ".");
                throw new DmException(Errno.EINVAL, "invalid on-disk chunk size");
            }
            setChunkSize(diskChunk);
        }
    }

    private void allocateArea() {
        exceptionsPerArea = DiskFormat.exceptionsPerArea(chunkSize());
        areaChunks = new AreaChunks(exceptionsPerArea);
        area = new byte[(int) chunkSize() * BlockDevice.SECTOR_SIZE];
    }

    private void initialiseNew() throws DmException {
        allocateArea();
        try {
            io.writeHeader(valid, version, chunkSize());
        } catch (IOException e) {
            log.log(PREFIX + "write_header failed");
            throw new DmException(Errno.EIO, "write_header failed");
        }
        currentArea = 0; // the area buffer is new, all zero
        try {
            io.zeroArea(DiskFormat.areaLocation(exceptionsPerArea, 0), chunkSize());
            writtenEntries = 0;
        } catch (IOException e) {
            log.log(PREFIX + "zero_disk_area(0) failed");
            throw new DmException(Errno.EIO, "zero_disk_area(0) failed");
        }
    }

    private void readExceptions(ExceptionSink sink) throws DmException {
        boolean full = true;
        byte[] buf = new byte[area.length];
        for (currentArea = 0; full; currentArea++) {
            try {
                io.chunk(DiskFormat.areaLocation(exceptionsPerArea, currentArea), chunkSize(), buf, false);
            } catch (IOException e) {
                throw new DmException(Errno.EIO, "read_exceptions");
            }
            full = insertExceptions(buf, sink);
            if (!full) {
                System.arraycopy(buf, 0, area, 0, area.length);
                writtenEntries = currentCommitted;
            }
        }
        currentArea--;
        if (!bug(EngineBug.NEXT_FREE_ON_METADATA)) {
            skipMetadata();
        }
    }

    /** Returns whether the area was full (no terminator). */
    private boolean insertExceptions(byte[] buf, ExceptionSink sink) {
        for (int i = 0; i < exceptionsPerArea; i++) {
            long oldChunk = DiskFormat.entryOld(buf, i);
            long newChunk = DiskFormat.entryNew(buf, i);
            if (newChunk == 0) {
                currentCommitted = i;
                return false;
            }
            if (Long.compareUnsigned(nextFree, newChunk) <= 0) {
                nextFree = newChunk + 1;
            }
            sink.add(oldChunk, newChunk);
        }
        return true;
    }

    private void skipMetadata() {
        if (areaChunks.isArea(nextFree)) {
            nextFree++;
        }
    }

    @Override
    public long prepare() throws DmException {
        long size = cow.sectors();
        if (Long.compareUnsigned(size, (nextFree + 1) * chunkSize()) < 0) { // u64, as the kernel compares
            throw new DmException(Errno.ENOSPC, "cow full");
        }
        long chunk = nextFree;
        nextFree++;
        skipMetadata();
        pendingCount++;
        assert !DiskFormat.isAreaChunk(exceptionsPerArea, chunk) || bug(EngineBug.NEXT_FREE_ON_METADATA)
                : "allocated a metadata chunk";
        return chunk;
    }

    @Override
    public List<Committed> commit(long oldChunk, long newChunk, boolean copyOk, Object token) {
        if (!record(oldChunk, newChunk, copyOk)) {
            callbacks.add(token);
            return List.of();
        }
        boolean ok = valid;
        if (callbacks.isEmpty()) {
            return List.of(new Committed(token, ok));
        }
        callbacks.add(token);
        List<Committed> due = callbacks.stream().map(t -> new Committed(t, ok)).toList();
        callbacks.clear();
        return due;
    }

    @Override
    public boolean commitAlone(long oldChunk, long newChunk, boolean copyOk) {
        assert pendingCount == 1 && callbacks.isEmpty() : "an exception committed alone is the only one outstanding";
        boolean due = record(oldChunk, newChunk, copyOk);
        assert due : "an exception committed alone is due at once";
        return valid;
    }

    /**
     * persistent_commit_exception's part before the callbacks: adds the entry and, when no
     * prepared exception is outstanding or the area is full, writes the area (zeroing the next
     * one first when full). Returns whether the callbacks are due now.
     */
    private boolean record(long oldChunk, long newChunk, boolean copyOk) {
        assert pendingCount > 0 : "commit without prepare";
        assert area != null : "commit on a store whose area 0 was never read";
        if (!copyOk) {
            valid = false;
        }
        DiskFormat.putEntry(area, currentCommitted++, oldChunk, newChunk);
        pendingCount--;
        boolean areaFull = currentCommitted == exceptionsPerArea;
        if (pendingCount != 0 && !areaFull) {
            return false;
        }
        boolean nextZeroed = false;
        if (areaFull && !bug(EngineBug.FORGET_ZERO_NEXT_AREA)) {
            nextZeroed = zeroNextArea();
        }
        if (valid) {
            writeAreaOrInvalidate();
        }
        if (areaFull) {
            currentCommitted = 0;
            currentArea++;
            Arrays.fill(area, (byte) 0);
            writtenEntries = nextZeroed ? 0 : -1;
        }
        return true;
    }

    @Override
    public MergeRun prepareMerge() throws IOException {
        if (currentCommitted == 0) {
            if (currentArea == 0) {
                return MergeRun.NONE;
            }
            currentArea--;
            writtenEntries = -1;
            io.chunk(DiskFormat.areaLocation(exceptionsPerArea, currentArea), chunkSize(), area, false);
            currentCommitted = (int) exceptionsPerArea;
            writtenEntries = currentCommitted;
        }
        long lastOld = DiskFormat.entryOld(area, currentCommitted - 1);
        long lastNew = DiskFormat.entryNew(area, currentCommitted - 1);
        int n = 1;
        while (n < currentCommitted && DiskFormat.entryOld(area, currentCommitted - 1 - n) == lastOld - n
                && DiskFormat.entryNew(area, currentCommitted - 1 - n) == lastNew - n) {
            n++;
        }
        return new MergeRun(n, lastOld, lastNew);
    }

    @Override
    public void commitMerge(int merged) throws IOException {
        assert merged <= currentCommitted : "merged more than committed";
        int known = writtenEntries < 0 ? -1 : Math.min(writtenEntries, currentCommitted - merged);
        Arrays.fill(area, (currentCommitted - merged) * DiskFormat.ENTRY_BYTES,
                currentCommitted * DiskFormat.ENTRY_BYTES, (byte) 0);
        writtenEntries = -1;
        writeArea(known);
        currentCommitted -= merged;
        writtenEntries = currentCommitted;
        nextFree = DiskFormat.areaLocation(exceptionsPerArea, currentArea) + currentCommitted + 1;
    }

    @Override
    public boolean canDrop() {
        return true;
    }

    @Override
    public void drop() {
        valid = false;
        try {
            io.writeHeader(valid, version, chunkSize());
        } catch (IOException e) {
            log.log(PREFIX + "write header failed");
        }
    }

    @Override
    public StoreUsage usage() {
        return new StoreUsage(nextFree * chunkSize(), cow.sectors(),
                (currentArea + 1 + DiskFormat.HEADER_CHUNKS) * chunkSize());
    }

    @Override
    public String typeWord() {
        return userspaceSupportsOverflow() ? "PO" : "P";
    }

    @Override
    public StoreKind kind() {
        return StoreKind.PERSISTENT;
    }

    /** The area just filled: zero the next one on disk; a failure invalidates the store. Returns whether it was zeroed. */
    private boolean zeroNextArea() {
        try {
            io.zeroArea(DiskFormat.areaLocation(exceptionsPerArea, currentArea + 1), chunkSize());
            return true;
        } catch (IOException e) {
            valid = false;
            return false;
        }
    }

    private void writeAreaOrInvalidate() {
        try {
            writeArea(writtenEntries);
            writtenEntries = currentCommitted;
        } catch (IOException e) {
            valid = false;
            writtenEntries = -1;
        }
    }

    /** The current area's commit ({@link ChunkIo#writeArea}), with {@code known} as its hint. */
    private void writeArea(int known) throws IOException {
        io.writeArea(DiskFormat.areaLocation(exceptionsPerArea, currentArea), chunkSize(), area, currentCommitted, known,
                !bug(EngineBug.COMMIT_WITHOUT_FLUSH));
    }
}
