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
 * @param splitQuirk       ghost: an origin write piece spanned several of this store's chunks
 *                         (the kernel's stale split boundary quirk), so {@code ghost} is not
 *                         guaranteed any more
 */
public record Store(StoreType type, boolean overflowAware, long chunkSize, boolean initialised,
                    boolean metadataValid, long nextFree, long currentArea, PairList area,
                    ExceptionTable exceptions, ExceptionTable handedOver, Disk ghost, boolean splitQuirk) {
    /** Sectors per metadata area entry list: 16-byte exceptions. */
    public static final int EXCEPTION_BYTES = 16;

    /** A store straight out of its type's constructor (persistent_ctr / transient_ctr). */
    public static Store constructed(StoreType type, boolean overflowAware, long chunkSize) {
        long nextFree = type == StoreType.PERSISTENT ? 2 : 0;
        return new Store(type, overflowAware, chunkSize, false, true, nextFree, 0, PairList.EMPTY,
                ExceptionTable.EMPTY, null, null, false);
    }

    /** Exceptions per metadata area (E): a chunk of 16-byte entries. */
    public long exceptionsPerArea() {
        return chunkSize * 512 / EXCEPTION_BYTES;
    }

    /** Cow chunk of metadata area {@code i}: 1 + (E+1)*i. */
    public long areaLocation(long i) {
        return 1 + (exceptionsPerArea() + 1) * i;
    }

    /** Whether cow chunk {@code c} holds persistent metadata (header or an area). */
    public boolean isMetadataChunk(long c) {
        return type == StoreType.PERSISTENT && (c == 0 || (c - 1) % (exceptionsPerArea() + 1) == 0);
    }

    public Store withChunkSize(long c) {
        return new Store(type, overflowAware, c, initialised, metadataValid, nextFree, currentArea, area,
                exceptions, handedOver, ghost, splitQuirk);
    }

    public Store withOverflowAware(boolean o) {
        return new Store(type, o, chunkSize, initialised, metadataValid, nextFree, currentArea, area,
                exceptions, handedOver, ghost, splitQuirk);
    }

    public Store withMetadataValid(boolean v) {
        return new Store(type, overflowAware, chunkSize, initialised, v, nextFree, currentArea, area,
                exceptions, handedOver, ghost, splitQuirk);
    }

    public Store withLayout(long nf, long curArea, PairList a) {
        return new Store(type, overflowAware, chunkSize, initialised, metadataValid, nf, curArea, a,
                exceptions, handedOver, ghost, splitQuirk);
    }

    public Store withInitialised() {
        return new Store(type, overflowAware, chunkSize, true, metadataValid, nextFree, currentArea, area,
                exceptions, handedOver, ghost, splitQuirk);
    }

    public Store withExceptions(ExceptionTable e) {
        return new Store(type, overflowAware, chunkSize, initialised, metadataValid, nextFree, currentArea, area,
                e, handedOver, ghost, splitQuirk);
    }

    public Store withHandedOver(ExceptionTable h) {
        return new Store(type, overflowAware, chunkSize, initialised, metadataValid, nextFree, currentArea, area,
                exceptions, h, ghost, splitQuirk);
    }

    public Store withGhost(Disk g) {
        return new Store(type, overflowAware, chunkSize, initialised, metadataValid, nextFree, currentArea, area,
                exceptions, handedOver, g, splitQuirk);
    }

    public Store withSplitQuirk() {
        return new Store(type, overflowAware, chunkSize, initialised, metadataValid, nextFree, currentArea, area,
                exceptions, handedOver, ghost, true);
    }
}
