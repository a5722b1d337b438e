package dev.snapref.model;

import dev.snapref.scenario.Errno;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The persistent and transient exception stores' operations on a {@link Store} and its cow
 * {@link Disk}: read_metadata, prepare_exception, commit_exception, drop_snapshot and usage,
 * in the layout of dm-snap-persistent.c / dm-snap-transient.c (Linux 6.1).
 *
 * <p>Persistent layout: chunk 0 = header, metadata area {@code i} at chunk {@code 1+(E+1)*i},
 * E = chunk bytes / 16 exceptions per area, data chunks between. next_free starts at 2 and skips
 * metadata chunks. Every I/O of the model completes at once, so each commit writes its area.
 *
 * <p>Limits: a partially filled area loaded from disk is kept as its entries only (bytes after
 * the terminating entry are taken as zero when the area is written back). A header write
 * (new snapshot, drop) zeroes the whole header chunk first, as write_header does.
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

    /** prepare_exception's result: the cow chunk allocated (or -1 when the cow is full) and the store. */
    record Prepared(long newChunk, Store store) {
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

    /** read_metadata of the store of a snapshot on {@code cowName}; may write the cow (new header). */
    static Loaded readMetadata(World w, String cowName, Store st) {
        if (st.type() == StoreType.TRANSIENT) {
            return new Loaded(0, null, st.withInitialised());
        }
        boolean supplied = st.chunkSize() != 0;
        Store s = supplied ? st : st.withChunkSize(DEFAULT_CHUNK);
        Disk cow = w.disk(cowName);
        if (s.chunkSize() > cow.sectors()) {
            return new Loaded(-1, Errno.EIO, s);
        }
        byte[] h = cow.bytesAt(0);
        int magic = le32(h, 0);
        if (magic == 0) {
            return newSnapshot(w, cow, s);
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
        return readExceptions(cow, s);
    }

    private static Loaded newSnapshot(World w, Disk cow, Store s) {
        long cs = s.chunkSize();
        Disk d = writeHeader(cow, 1, cs);
        if (2 * cs > d.sectors()) {
            w.putDisk(d);
            w.kmsg.add("persistent snapshot: zero_disk_area(0) failed");
            return new Loaded(-1, Errno.EIO, s);
        }
        w.putDisk(d.zero(cs, cs));
        return new Loaded(0, null, s.withLayout(2, 0, PairList.EMPTY).withInitialised());
    }

    /** read_exceptions: areas 0, 1, ... while full; then skip a metadata chunk at next_free. */
    private static Loaded readExceptions(Disk cow, Store s) {
        long cs = s.chunkSize();
        long e = s.exceptionsPerArea();
        long nextFree = 2;
        ExceptionTable ex = ExceptionTable.EMPTY;
        for (long area = 0; ; area++) {
            long loc = s.areaLocation(area);
            if ((loc + 1) * cs > cow.sectors()) {
                return new Loaded(-1, Errno.EIO, s);
            }
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
                    Store loaded = s.withLayout(nextFree, area, entries).withExceptions(ex).withInitialised();
                    return new Loaded(0, null, loaded);
                }
                nextFree = Math.max(nextFree, newChunk + 1);
                if (ex.lookup(oldChunk) < 0) {
                    ex = ex.with(oldChunk, newChunk);
                }
                entries = entries.append(oldChunk, newChunk);
            }
        }
    }

    private static long skipMetadata(long nextFree, long e) {
        return nextFree % (e + 1) == 1 ? nextFree + 1 : nextFree;
    }

    /** prepare_exception: allocate the next cow chunk, or -1 when the cow has no room. */
    static Prepared prepare(Store s, long cowSectors) {
        long cs = s.chunkSize();
        if (s.type() == StoreType.TRANSIENT) {
            if (cowSectors < s.nextFree() + cs) {
                return new Prepared(-1, s);
            }
            return new Prepared(s.nextFree() / cs, s.withLayout(s.nextFree() + cs, 0, PairList.EMPTY));
        }
        if (cowSectors < (s.nextFree() + 1) * cs) {
            return new Prepared(-1, s);
        }
        long next = skipMetadata(s.nextFree() + 1, s.exceptionsPerArea());
        return new Prepared(s.nextFree(), s.withLayout(next, s.currentArea(), s.area()));
    }

    /**
     * commit_exception of {@code oldChunk -> newChunk} after its data was copied: the exception
     * joins the current area (zeroing the next area on disk first when this fills the area); the
     * area is written when this ends the batch ({@code last}) or fills the area, if the store is
     * still valid. Returns the store; {@code metadataValid() == false} afterwards means the
     * batch's callbacks get failure.
     */
    static Store commit(World w, String cowName, Store s, long oldChunk, long newChunk, boolean last) {
        if (s.type() == StoreType.TRANSIENT) {
            return s;
        }
        long cs = s.chunkSize();
        long e = s.exceptionsPerArea();
        Disk cow = w.disk(cowName);
        PairList area = s.area().append(oldChunk, newChunk);
        boolean valid = s.metadataValid();
        boolean full = area.size() == e;
        if (full) {
            long next = s.areaLocation(s.currentArea() + 1);
            if ((next + 1) * cs > cow.sectors()) {
                valid = false;
            } else {
                cow = cow.zero(next * cs, cs).markCowWritten();
            }
        }
        if (valid && (full || last)) {
            cow = writeArea(cow, s.areaLocation(s.currentArea()) * cs, cs, area);
        }
        w.putDisk(cow);
        long currentArea = full ? s.currentArea() + 1 : s.currentArea();
        return s.withLayout(s.nextFree(), currentArea, full ? PairList.EMPTY : area).withMetadataValid(valid);
    }

    private static Disk writeArea(Disk cow, long start, long cs, PairList area) {
        Disk d = cow.zero(start, cs).markCowWritten();
        for (int first = 0; first < area.size(); first += 32) {
            PairList part = area.slice(first, Math.min(area.size(), first + 32));
            d = d.put(start + first / 32, new SectorValue.Entries(part));
        }
        return d;
    }

    /** drop_snapshot: a persistent store rewrites its header with valid = 0. */
    static Store drop(World w, String cowName, Store s) {
        if (s.type() != StoreType.PERSISTENT || !s.initialised()) {
            return s;
        }
        w.putDisk(writeHeader(w.disk(cowName), 0, s.chunkSize()));
        return s.withMetadataValid(false);
    }

    /** write_header: the whole header chunk, zeroed, then magic, valid, version and chunk size in sector 0. */
    private static Disk writeHeader(Disk cow, int valid, long cs) {
        return cow.zero(0, Math.min(cs, cow.sectors())).put(0, new SectorValue.Header(valid, 1, cs)).markCowWritten();
    }

    /** The usage part of a status line: {@code allocated/total metadata}. */
    static String usage(Store s, long cowSectors) {
        if (s.type() == StoreType.TRANSIENT) {
            return s.nextFree() + "/" + cowSectors + " 0";
        }
        return s.nextFree() * s.chunkSize() + "/" + cowSectors + " " + (s.currentArea() + 2) * s.chunkSize();
    }

    private static int le32(byte[] b, int off) {
        return ByteBuffer.wrap(b, off, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static long le64(byte[] b, int off) {
        return ByteBuffer.wrap(b, off, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
