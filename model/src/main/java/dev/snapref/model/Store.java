package dev.snapref.model;

/**
 * A snapshot's exception store together with its completed exception table (the kernel swaps
 * the two together at handover, so the model keeps them as one value).
 *
 * @param type             persistent or transient
 * @param overflowAware    the {@code PO} flag: overflow sets "Overflow" instead of invalidating
 * @param chunkSize        chunk size in sectors; 0 for a handover destination's store
 * @param initialised      read_metadata ran (a handover destination's store never does)
 * @param metadataValid    the persistent store's own valid flag (header valid field)
 * @param nextFree         persistent: next free cow chunk; transient: next free sector
 * @param currentArea      persistent: index of the metadata area being filled
 * @param area             persistent: exceptions committed into the current area, in order
 * @param exceptions       the completed exceptions, origin chunk to cow chunk
 * @param handedOver       ghost: the exceptions the source mapped when this store was handed
 *                         over (null if never); used by invariant INV-HO-3
 * @param ghost            ghost: what a correct snapshot shows (the view at activation plus the
 *                         snapshot's own writes); null before activation or once invalid
 * @param ghostVoid        ghost: {@code ghost} is not guaranteed any more: an origin write piece
 *                         spanned several of this store's chunks (the kernel's stale split boundary
 *                         quirk), or a merge copied a chunk for an entry that was no exception
 *                         ("Corruption detected": e.g. an entry a failed merge commit had cleared in
 *                         memory only, old 0 new 0, which 6.1 merges when the merge restarts)
 * @param areaBase         persistent: the current area's chunk as read from disk, when it holds
 *                         bytes its entries do not account for (after the terminating entry);
 *                         the kernel keeps them in its area buffer and writes them back with every
 *                         commit. Null when the area is its entries then zeros (always so for
 *                         areas the store wrote itself).
 */
public record Store(StoreType type, boolean overflowAware, long chunkSize, boolean initialised,
                    boolean metadataValid, long nextFree, long currentArea, PairList area,
                    ExceptionTable exceptions, ExceptionTable handedOver, Disk ghost, boolean ghostVoid,
                    Disk areaBase) {
    /** Sectors per metadata area entry list: 16-byte exceptions. */
    public static final int EXCEPTION_BYTES = 16;

    /** A store straight out of its type's constructor (persistent_ctr / transient_ctr). */
    public static Store constructed(StoreType type, boolean overflowAware, long chunkSize) {
        long nextFree = type == StoreType.PERSISTENT ? 2 : 0;
        return new Store(type, overflowAware, chunkSize, false, true, nextFree, 0, PairList.EMPTY,
                ExceptionTable.EMPTY, null, null, false, null);
    }

    /** Exceptions per metadata area (E): a chunk of 16-byte entries. */
    public long exceptionsPerArea() {
        return chunkSize * 512 / EXCEPTION_BYTES;
    }

    /** Cow chunk of metadata area {@code i}: 1 + (E+1)*i. */
    public long areaLocation(long i) {
        return 1 + (exceptionsPerArea() + 1) * i;
    }

    /**
     * The cow sector holding {@code sector}'s offset inside cow chunk {@code newChunk}
     * (chunk_to_sector plus the offset; the product wraps as the kernel's 64-bit one does, so a
     * corrupt chunk number can give a sector past the end, or a negative one: outside the cow).
     */
    public long cowSector(long newChunk, long sector) {
        return newChunk * chunkSize + (sector & (chunkSize - 1));
    }

    /** Whether cow chunk {@code c} holds persistent metadata (header or an area). */
    public boolean isMetadataChunk(long c) {
        return type == StoreType.PERSISTENT && (c == 0 || (c - 1) % (exceptionsPerArea() + 1) == 0);
    }

    public Store withChunkSize(long c) {
        return new Store(type, overflowAware, c, initialised, metadataValid, nextFree, currentArea, area,
                exceptions, handedOver, ghost, ghostVoid, areaBase);
    }

    public Store withOverflowAware(boolean o) {
        return new Store(type, o, chunkSize, initialised, metadataValid, nextFree, currentArea, area,
                exceptions, handedOver, ghost, ghostVoid, areaBase);
    }

    public Store withMetadataValid(boolean v) {
        return new Store(type, overflowAware, chunkSize, initialised, v, nextFree, currentArea, area,
                exceptions, handedOver, ghost, ghostVoid, areaBase);
    }

    public Store withLayout(long nf, long curArea, PairList a) {
        return new Store(type, overflowAware, chunkSize, initialised, metadataValid, nf, curArea, a,
                exceptions, handedOver, ghost, ghostVoid, areaBase);
    }

    public Store withInitialised() {
        return new Store(type, overflowAware, chunkSize, true, metadataValid, nextFree, currentArea, area,
                exceptions, handedOver, ghost, ghostVoid, areaBase);
    }

    public Store withExceptions(ExceptionTable e) {
        return new Store(type, overflowAware, chunkSize, initialised, metadataValid, nextFree, currentArea, area,
                e, handedOver, ghost, ghostVoid, areaBase);
    }

    public Store withHandedOver(ExceptionTable h) {
        return new Store(type, overflowAware, chunkSize, initialised, metadataValid, nextFree, currentArea, area,
                exceptions, h, ghost, ghostVoid, areaBase);
    }

    public Store withGhost(Disk g) {
        return new Store(type, overflowAware, chunkSize, initialised, metadataValid, nextFree, currentArea, area,
                exceptions, handedOver, g, ghostVoid, areaBase);
    }

    public Store withGhostVoid() {
        return new Store(type, overflowAware, chunkSize, initialised, metadataValid, nextFree, currentArea, area,
                exceptions, handedOver, ghost, true, areaBase);
    }

    public Store withAreaBase(Disk base) {
        return new Store(type, overflowAware, chunkSize, initialised, metadataValid, nextFree, currentArea, area,
                exceptions, handedOver, ghost, ghostVoid, base);
    }
}
