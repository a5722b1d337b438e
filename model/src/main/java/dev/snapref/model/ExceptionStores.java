package dev.snapref.model;

import dev.snapref.scenario.Errno;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The persistent and transient exception stores' operations on a {@link Store} and its cow
 * {@link Disk}: read_metadata, prepare_exception, commit_exception, drop_snapshot and usage,
 * in the layout of dm-snap-persistent.c / dm-snap-transient.c (Linux 6.1).
 *
 * <p>Persistent layout: chunk 0 = header, metadata area {@code i} at chunk {@code 1+(E+1)*i},
 * E = chunk bytes / 16 exceptions per area, data chunks between. next_free starts at 2 and skips
 * metadata chunks. Every disk request goes through {@link World#io} in the kernel's order (chunk_io:
 * whole chunks; an area write is a flush and a FUA write); a failed one takes the kernel's error
 * path. Arithmetic on chunk numbers read from disk is the kernel's unsigned 64-bit arithmetic.
 *
 * <p>A partially filled area loaded from disk keeps the bytes after its terminating entry (the
 * kernel's area buffer is the chunk as read), and every write of the area writes them back
 * ({@link Store#areaBase}). A header write (new snapshot, drop) zeroes the whole header chunk
 * first, as write_header does.
 */
final class ExceptionStores {
    /** Default persistent chunk size when the table says 0 (DM_CHUNK_SIZE_DEFAULT_SECTORS). */
    static final long DEFAULT_CHUNK = 32;
    /** Largest chunk size: INT_MAX >> SECTOR_SHIFT. */
    static final long MAX_CHUNK = Integer.MAX_VALUE >> 9;

    private ExceptionStores() {
    }

    /** read_metadata's result: 0 ok, 1 loaded but invalid, or an error; the store after it. */
    record Loaded(int result, Errno error, Store store) {
    }

    /** prepare_exception's result: whether the cow had room, the cow chunk allocated, and the store. */
    record Prepared(boolean ok, long newChunk, Store store) {
    }

    /**
     * commit_exception's result: the store, whether the batch ended ({@code due}: its callbacks
     * run now) and with what success.
     */
    record Commit(Store store, boolean due, boolean success) {
    }

    /** The kernel's chunk size check (dm_exception_store_set_chunk_size), or null when acceptable. */
    static String chunkSizeError(long chunk) {
        if (chunk <= 0 || Long.bitCount(chunk) != 1) {
            return "Chunk size is not a power of 2";
        }
        if (chunk > MAX_CHUNK) {
            return "Chunk size is too high";
        }
        return null;
    }

    /**
     * read_metadata of the store of a snapshot on {@code cowName}: reads the header chunk; a new
     * store writes its header and zeroes area 0; an existing one reads its areas. A failed request
     * fails the load with EIO (a failed header or area-0 write says so first).
     */
    static Loaded readMetadata(World w, String cowName, Store st) {
        if (st.type() == StoreType.TRANSIENT) {
            return new Loaded(0, null, st.withInitialised());
        }
        boolean supplied = st.chunkSize() != 0;
        Store s = supplied ? st : st.withChunkSize(DEFAULT_CHUNK);
        if (s.chunkSize() > Volumes.size(w, cowName) || !StackedIo.read(w, cowName, 0, s.chunkSize())) {
            return new Loaded(-1, Errno.EIO, s);
        }
        byte[] h = Volumes.image(w, cowName).bytesAt(0);
        int magic = le32(h, 0);
        if (magic == 0) {
            return newSnapshot(w, cowName, s);
        }
        if (magic != SectorValue.SNAP_MAGIC) {
            w.kmsg.add(Kmsg.CORRUPT);
            return new Loaded(-1, Errno.ENXIO, s);
        }
        long diskChunk = le32(h, 12) & 0xffffffffL;
        if (diskChunk != s.chunkSize()) {
            if (supplied) {
                w.kmsg.add("persistent snapshot: chunk size " + diskChunk
                        + " in device metadata overrides table chunk size of " + s.chunkSize() + ".");
            }
            String err = chunkSizeError(diskChunk);
            if (err != null) {
                w.kmsg.add("persistent snapshot: invalid on-disk chunk size " + diskChunk + ": " + err + ".");
                return new Loaded(-1, Errno.EINVAL, s);
            }
            s = s.withChunkSize(diskChunk);
        }
        int version = le32(h, 8);
        if (version != 1) {
            w.kmsg.add("persistent snapshot: unable to handle snapshot disk version " + version);
            return new Loaded(-1, Errno.EINVAL, s);
        }
        if (le32(h, 4) == 0) {
            return new Loaded(1, null, s.withMetadataValid(false).withInitialised());
        }
        return readExceptions(w, cowName, s);
    }

    private static Loaded newSnapshot(World w, String cowName, Store s) {
        long cs = s.chunkSize();
        if (!StackedIo.write(w, cowName, 0, cs, false, d -> writeHeader(d, 1, cs))) {
            w.kmsg.add("persistent snapshot: write_header failed");
            return new Loaded(-1, Errno.EIO, s);
        }
        if (2 * cs > Volumes.size(w, cowName) || !StackedIo.write(w, cowName, cs, cs, false, d -> d.zero(cs, cs))) {
            w.kmsg.add("persistent snapshot: zero_disk_area(0) failed");
            return new Loaded(-1, Errno.EIO, s);
        }
        return new Loaded(0, null, s.withLayout(2, 0, PairList.EMPTY).withInitialised());
    }

    /**
     * read_exceptions: areas 0, 1, ... while full; next_free follows the largest stored new chunk
     * (as stored: consecutive-count bits included); then skip a metadata chunk at next_free. The
     * table is what the kernel's lookups make of the entries ({@link LoadedExceptions}).
     */
    private static Loaded readExceptions(World w, String cowName, Store s) {
        long cs = s.chunkSize();
        long e = s.exceptionsPerArea();
        long nextFree = 2;
        LoadedExceptions ex = new LoadedExceptions();
        for (long area = 0; ; area++) {
            long loc = s.areaLocation(area);
            if ((loc + 1) * cs > Volumes.size(w, cowName) || !StackedIo.read(w, cowName, loc * cs, cs)) {
                return new Loaded(-1, Errno.EIO, s);
            }
            Disk cow = Volumes.image(w, cowName);
            PairList entries = PairList.EMPTY;
            byte[] sector = null;
            for (long i = 0; i < e; i++) {
                if (i % 32 == 0) {
                    sector = cow.bytesAt(loc * cs + i / 32);
                }
                int off = (int) (i % 32) * 16;
                long oldChunk = le64(sector, off);
                long newChunk = le64(sector, off + 8);
                if (newChunk == 0) {
                    nextFree = skipMetadata(nextFree, e);
                    Store loaded = s.withLayout(nextFree, area, entries).withExceptions(ex.table()).withInitialised()
                            .withAreaBase(areaBase(cow, loc * cs, cs, entries));
                    return new Loaded(0, null, loaded);
                }
                if (Long.compareUnsigned(nextFree, newChunk) <= 0) {
                    nextFree = newChunk + 1;
                }
                ex.add(oldChunk, newChunk);
                entries = entries.append(oldChunk, newChunk);
            }
        }
    }

    /** next_free never lands on a metadata area: chunk 1 + (E+1)k is skipped (unsigned, as the kernel's sector_div). */
    private static long skipMetadata(long nextFree, long e) {
        return Long.remainderUnsigned(nextFree, e + 1) == 1 ? nextFree + 1 : nextFree;
    }

    /** prepare_exception: allocate the next cow chunk, unless the cow has no room (compared unsigned, as the kernel's u64). */
    static Prepared prepare(Store s, long cowSectors) {
        long cs = s.chunkSize();
        if (s.type() == StoreType.TRANSIENT) {
            if (Long.compareUnsigned(cowSectors, s.nextFree() + cs) < 0) {
                return new Prepared(false, 0, s);
            }
            return new Prepared(true, s.nextFree() / cs, s.withLayout(s.nextFree() + cs, 0, PairList.EMPTY));
        }
        if (Long.compareUnsigned(cowSectors, (s.nextFree() + 1) * cs) < 0) {
            return new Prepared(false, 0, s);
        }
        long next = skipMetadata(s.nextFree() + 1, s.exceptionsPerArea());
        return new Prepared(true, s.nextFree(), s.withLayout(next, s.currentArea(), s.area()));
    }

    /**
     * commit_exception of {@code oldChunk -> newChunk}, its copy having succeeded or not
     * ({@code copied}): the exception joins the current area; when this ends the batch
     * ({@code last}) or fills the area, the next area is zeroed first (if this fills it) and the
     * area is written (a flush, then the whole area chunk with FUA) if the store is still valid.
     * A failed copy or request leaves the store invalid ({@code metadataValid() == false}), and
     * every callback of the batch gets failure. A transient store commits at once.
     */
    static Commit commit(World w, String cowName, Store s, long oldChunk, long newChunk, boolean copied, boolean last) {
        if (s.type() == StoreType.TRANSIENT) {
            return new Commit(s, true, copied);
        }
        long cs = s.chunkSize();
        PairList area = s.area().append(oldChunk, newChunk);
        boolean valid = s.metadataValid() && copied;
        boolean full = area.size() == s.exceptionsPerArea();
        if (!last && !full) {
            return new Commit(s.withLayout(s.nextFree(), s.currentArea(), area).withMetadataValid(valid), false, valid);
        }
        if (full) {
            long next = s.areaLocation(s.currentArea() + 1) * cs;
            valid &= next + cs <= Volumes.size(w, cowName)
                    && StackedIo.write(w, cowName, next, cs, false, d -> d.zero(next, cs).markCowWritten());
        }
        if (valid) {
            long at = s.areaLocation(s.currentArea()) * cs;
            Disk base = s.areaBase();
            valid = StackedIo.flush(w, cowName)
                    && StackedIo.write(w, cowName, at, cs, true, d -> writeArea(d, at, cs, area, base));
        }
        long currentArea = full ? s.currentArea() + 1 : s.currentArea();
        Store after = s.withLayout(s.nextFree(), currentArea, full ? PairList.EMPTY : area).withMetadataValid(valid);
        if (full) {
            after = after.withAreaBase(null);
        }
        assert !after.metadataValid() || s.metadataValid() : "an invalid store never becomes valid";
        return new Commit(after, true, valid);
    }

    /**
     * The cow with the area chunk at {@code start} as the kernel's area buffer holds it: the
     * entries, over {@code base} (the chunk as read from disk) when there is one, else over zeros.
     */
    static Disk writeArea(Disk cow, long start, long cs, PairList area, Disk base) {
        Disk d = (base == null ? cow.zero(start, cs) : cow.copyFrom(base, 0, start, cs)).markCowWritten();
        for (int first = 0; first < area.size(); first += 32) {
            PairList part = area.slice(first, Math.min(area.size(), first + 32));
            SectorValue entries = new SectorValue.Entries(part);
            long sector = first / 32;
            if (base != null && base.valueAt(sector) != null) {
                byte[] b = base.bytesAt(sector);
                byte[] e = entries.bytes(0);
                System.arraycopy(e, 0, b, 0, part.size() * Store.EXCEPTION_BYTES);
                entries = Arrays.equals(b, e) ? entries : new SectorValue.Raw(b);
            }
            d = d.put(start + sector, entries);
        }
        return d;
    }

    /**
     * The area chunk at {@code start} of {@code cow} as a base for later writes of the area, or
     * null when it is exactly its {@code entries} then zeros (then the writes need no base).
     */
    static Disk areaBase(Disk cow, long start, long cs, PairList entries) {
        Disk clean = writeArea(Disk.zeroed("area", cs), 0, cs, entries, null);
        Disk read = Disk.zeroed("area", cs).copyFrom(cow, start, 0, cs);
        return read.sameContent(clean) ? null : read;
    }

    /** drop_snapshot: a persistent store rewrites its header with valid = 0 (a failed write is only logged). */
    static Store drop(World w, String cowName, Store s) {
        if (s.type() != StoreType.PERSISTENT || !s.initialised()) {
            return s;
        }
        long cs = s.chunkSize();
        if (!StackedIo.write(w, cowName, 0, cs, false, d -> writeHeader(d, 0, cs))) {
            w.kmsg.add("persistent snapshot: write header failed");
        }
        return s.withMetadataValid(false);
    }

    /** write_header: the whole header chunk, zeroed, then magic, valid, version and chunk size in sector 0. */
    private static Disk writeHeader(Disk cow, int valid, long cs) {
        return cow.zero(0, Math.min(cs, cow.sectors())).put(0, new SectorValue.Header(valid, 1, cs)).markCowWritten();
    }

    /** The usage part of a status line: {@code allocated/total metadata}. */
    static String usage(Store s, long cowSectors) {
        if (s.type() == StoreType.TRANSIENT) {
            return Long.toUnsignedString(s.nextFree()) + "/" + cowSectors + " 0";
        }
        return Long.toUnsignedString(s.nextFree() * s.chunkSize()) + "/" + cowSectors + " "
                + Long.toUnsignedString((s.currentArea() + 2) * s.chunkSize());
    }

    private static int le32(byte[] b, int off) {
        return ByteBuffer.wrap(b, off, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    static long le64(byte[] b, int off) {
        return ByteBuffer.wrap(b, off, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
