package dev.snapref.model;

import java.util.List;

/**
 * 64-bit fingerprints of model states, for the explorer's visited set (as TLC keeps fingerprints,
 * not states). A fingerprint is a hash of exactly the values {@link ModelState#equals} compares,
 * walked in the same order: every component of every record, and for the classes with their own
 * {@code equals} ({@link ModelState}, {@link Disk}, {@link ExceptionTable}, {@link PairList}) the
 * fields those compare. Each value is absorbed with CityHash's 128-to-64-bit combiner (a
 * multiply-xorshift mix of the running hash and the next word), behind a tag that says what kind of
 * value follows and a length before every list, so two different shapes never feed the same
 * word sequence.
 *
 * <p><b>Guarantees.</b> Equal states have equal fingerprints (the fingerprint is a function of the
 * compared values only; {@code StateFingerprintTest} checks it on every state of an exploration,
 * rebuilt along a second path). {@link Disk}, {@link ExceptionTable} and {@link PairList} cache
 * theirs, so a state's fingerprint costs a walk over its devices and origin records. Never 0 (the
 * visited set's empty slot).
 *
 * <p><b>Limits: collisions.</b> Different states may share a fingerprint; then the explorer takes
 * the second for the first and does not expand it. Treating the fingerprints of n distinct states
 * as independent uniform 64-bit values, the chance of any collision is at most n^2 / 2^65: for the
 * 4.5 million states of the default configuration at depth 12 that is 5.5 * 10^-7, for 10^8
 * states 2.7 * 10^-4 (TLC reports the same kind of estimate). The mixer is not cryptographic; the
 * model's values are not chosen by an adversary.
 */
public final class StateFingerprint {
    private static final long K = 0x9ddfea08eb382d69L;
    private static final long SEED = 0x6a09e667f3bcc909L;
    private static final long TAG_NULL = 0x1d8e4e27c47d124fL;
    private static final long TAG_STRING = 0x3c6ef372fe94f82bL;
    private static final long TAG_DISK = 0x510e527fade682d1L;
    private static final long TAG_DEVICE = 0x9b05688c2b3e6c1fL;
    private static final long TAG_TABLE = 0x1f83d9abfb41bd6bL;
    private static final long TAG_ORIGIN = 0x5be0cd19137e2179L;
    private static final long TAG_SNAPSHOT = 0xcbbb9d5dc1059ed8L;
    private static final long TAG_STORE = 0x629a292a367cd507L;
    private static final long TAG_LINK = 0x9159015a3070dd17L;
    private static final long TAG_PATTERN = 0x152fecd8f70e5939L;
    private static final long TAG_HEADER = 0x67332667ffc00b31L;
    private static final long TAG_ENTRIES = 0x8eb44a8768581511L;
    private static final long TAG_RAW = 0xdb0c2e0d64f98fa7L;
    private static final long TAG_PAIRS = 0x47b5481dbefa4fa4L;
    private static final long TAG_TABLE_OF_EXCEPTIONS = 0xa4093822299f31d0L;
    private static final long TAG_LINEAR = 0xb5c0fbcfec4d3b2fL;

    private StateFingerprint() {
    }

    /** The fingerprint of {@code s}: equal states, equal fingerprints; never 0. */
    public static long of(ModelState s) {
        long h = SEED;
        h = combine(h, s.disks().size());
        for (Disk d : s.disks()) {
            h = combine(h, d.fingerprint());
        }
        h = combine(h, s.devices().size());
        for (Device d : s.devices()) {
            h = device(h, d);
        }
        h = combine(h, s.origins().size());
        for (OriginLink o : s.origins()) {
            h = link(h, o);
        }
        return nonZero(h);
    }

    /** CityHash's Hash128to64: absorbs {@code v} into the running hash {@code u}. */
    static long combine(long u, long v) {
        long a = (u ^ v) * K;
        a ^= a >>> 47;
        long b = (v ^ a) * K;
        b ^= b >>> 47;
        return b * K;
    }

    private static long nonZero(long h) {
        return h == 0 ? 1 : h;
    }

    private static long bool(long h, boolean b) {
        return combine(h, b ? 0x2545f4914f6cdd1dL : 0x6c8e9cf570932bd5L);
    }

    private static long string(long h, String s) {
        if (s == null) {
            return combine(h, TAG_NULL);
        }
        h = combine(combine(h, TAG_STRING), s.length());
        int i = 0;
        for (; i + 4 <= s.length(); i += 4) {
            h = combine(h, (long) s.charAt(i) << 48 | (long) s.charAt(i + 1) << 32 | (long) s.charAt(i + 2) << 16
                    | s.charAt(i + 3));
        }
        long rest = 0;
        for (; i < s.length(); i++) {
            rest = rest << 16 | s.charAt(i);
        }
        return combine(h, rest);
    }

    /** The fingerprint {@link Disk#fingerprint()} caches: every field {@link Disk#equals} compares. */
    static long disk(String name, long sectors, boolean tainted, boolean cowWritten, List<Extent> extents) {
        long h = string(combine(SEED, TAG_DISK), name);
        h = combine(h, sectors);
        h = bool(bool(h, tainted), cowWritten);
        h = combine(h, extents.size());
        for (Extent e : extents) {
            h = combine(combine(h, e.start()), e.length());
            h = value(h, e.value());
        }
        return nonZero(h);
    }

    private static long value(long h, SectorValue v) {
        if (v instanceof SectorValue.Pattern p) {
            return combine(string(combine(h, TAG_PATTERN), p.label()), p.first());
        }
        if (v instanceof SectorValue.Header hd) {
            return combine(combine(combine(combine(h, TAG_HEADER), hd.valid()), hd.version()), hd.chunkSize());
        }
        if (v instanceof SectorValue.Entries en) {
            return combine(combine(h, TAG_ENTRIES), en.pairs().fingerprint());
        }
        SectorValue.Raw r = (SectorValue.Raw) v;
        h = combine(h, TAG_RAW);
        byte[] b = r.data();
        for (int i = 0; i < b.length; i += 8) {
            long w = 0;
            for (int k = 0; k < 8 && i + k < b.length; k++) {
                w = w << 8 | (b[i + k] & 0xff);
            }
            h = combine(h, w);
        }
        return h;
    }

    /** The fingerprint {@link PairList#fingerprint()} caches: its pairs in order. */
    static long pairs(PairList p) {
        long h = combine(combine(SEED, TAG_PAIRS), p.size());
        for (int i = 0; i < p.size(); i++) {
            h = combine(combine(h, p.oldChunk(i)), p.newChunk(i));
        }
        return nonZero(h);
    }

    /** The fingerprint {@link ExceptionTable#fingerprint()} caches: its mappings in order. */
    static long exceptions(ExceptionTable t) {
        long h = combine(combine(SEED, TAG_TABLE_OF_EXCEPTIONS), t.size());
        for (int i = 0; i < t.size(); i++) {
            h = combine(combine(h, t.oldChunk(i)), t.newChunk(i));
        }
        return nonZero(h);
    }

    private static long device(long h, Device d) {
        h = string(combine(h, TAG_DEVICE), d.name());
        h = bool(bool(bool(h, d.suspended()), d.node()), d.typed());
        return table(table(h, d.live()), d.inactive());
    }

    private static long table(long h, Table t) {
        if (t == null) {
            return combine(h, TAG_NULL);
        }
        h = combine(combine(h, TAG_TABLE), t.length());
        if (t.target() instanceof OriginTarget o) {
            return combine(string(combine(h, TAG_ORIGIN), o.originDisk()), o.splitBoundary());
        }
        if (t.target() instanceof LinearTarget l) {
            return combine(string(combine(h, TAG_LINEAR), l.device()), l.offset());
        }
        SnapshotTarget s = (SnapshotTarget) t.target();
        h = string(string(combine(h, TAG_SNAPSHOT), s.originDisk()), s.cowDisk());
        h = bool(bool(bool(h, s.valid()), s.active()), s.overflowed());
        h = store(combine(h, s.features()), s.store());
        h = bool(bool(h, s.merge()), s.mergeFailed());
        return combine(h, s.mergeBoundary());
    }

    private static long store(long h, Store s) {
        h = combine(combine(h, TAG_STORE), s.type().ordinal());
        h = bool(h, s.overflowAware());
        h = combine(h, s.chunkSize());
        h = bool(bool(h, s.initialised()), s.metadataValid());
        h = combine(combine(h, s.nextFree()), s.currentArea());
        h = combine(h, s.area() == null ? TAG_NULL : s.area().fingerprint());
        h = combine(h, s.exceptions() == null ? TAG_NULL : s.exceptions().fingerprint());
        h = combine(h, s.handedOver() == null ? TAG_NULL : s.handedOver().fingerprint());
        h = combine(h, s.ghost() == null ? TAG_NULL : s.ghost().fingerprint());
        h = bool(h, s.ghostVoid());
        return combine(h, s.areaBase() == null ? TAG_NULL : s.areaBase().fingerprint());
    }

    private static long link(long h, OriginLink o) {
        h = string(combine(h, TAG_LINK), o.originDisk());
        h = combine(h, o.snapshots().size());
        for (SnapRef r : o.snapshots()) {
            h = combine(string(h, r.device()), r.slot().ordinal());
        }
        return h;
    }
}
