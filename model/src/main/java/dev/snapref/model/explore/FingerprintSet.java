package dev.snapref.model.explore;

/**
 * The explorer's visited set: 64-bit state fingerprints, each with the search-tree edge that
 * reached it first. Open addressing with linear probing in {@value #SEGMENTS} segments chosen by
 * the fingerprint's top bits, each with its own lock and its own doubling at 3/4 full, so workers
 * rarely wait for each other and no resize stops them all.
 *
 * <p>Each entry holds the fingerprint and a word {@code level << 40 | parent << 8 | command}: the
 * breadth-first level that found the state and, among all the edges into it at that level, the
 * least (parent state id, alphabet index), which is the edge a sequential breadth-first search
 * would have taken (parents are expanded in id order, commands in alphabet order). So the tree the
 * parallel explorer builds is the sequential one, whatever the workers' timing.
 *
 * <p>Guarantees: thread-safe; an entry is never removed. Limits: fingerprint 0 is the empty slot
 * (fingerprints are never 0, {@link dev.snapref.model.StateFingerprint}); parent ids below 2^32,
 * alphabets of at most 256 commands, levels below 2^23; about 16 bytes an entry at 1/2 to 3/4
 * load, so 21 to 32 bytes a state.
 */
final class FingerprintSet {
    private static final int SEGMENTS = 256;
    private static final int SEGMENT_SHIFT = 56;
    static final long NONE = -1;
    private final Segment[] segments = new Segment[SEGMENTS];

    FingerprintSet() {
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment();
        }
    }

    /** The word of an edge: found at {@code level} from state {@code parent} by command {@code command}. */
    static long edge(int level, long parent, int command) {
        assert parent >= 0 && parent < 1L << 32 && command >= 0 && command < 256 && level >= 0 : "edge fits";
        return (long) level << 40 | parent << 8 | command;
    }

    static int level(long edge) {
        return (int) (edge >>> 40);
    }

    static long parent(long edge) {
        return edge >>> 8 & 0xFFFF_FFFFL;
    }

    static int command(long edge) {
        return (int) (edge & 0xFF);
    }

    /**
     * Adds {@code fp} reached by {@code edge}: true when it was absent. When it is present from the
     * same level with a greater edge, its edge becomes {@code edge}; an entry from another level
     * is left alone.
     */
    boolean addOrLower(long fp, long edge) {
        assert fp != 0 : "fingerprints are never 0";
        return segments[(int) (fp >>> SEGMENT_SHIFT)].addOrLower(fp, edge);
    }

    /** The edge recorded for {@code fp}, or {@link #NONE}. */
    long edgeOf(long fp) {
        return segments[(int) (fp >>> SEGMENT_SHIFT)].edgeOf(fp);
    }

    /** Entries held. */
    long size() {
        long n = 0;
        for (Segment s : segments) {
            n += s.size();
        }
        return n;
    }

    /** Bytes of the slot arrays. */
    long bytes() {
        long n = 0;
        for (Segment s : segments) {
            n += s.bytes();
        }
        return n;
    }

    /** One lock-guarded open-addressing table. */
    private static final class Segment {
        private long[] keys = new long[64];
        private long[] edges = new long[64];
        private int size;

        synchronized boolean addOrLower(long fp, long edge) {
            int mask = keys.length - 1;
            int i = (int) mix(fp) & mask;
            while (keys[i] != 0) {
                if (keys[i] == fp) {
                    long old = edges[i];
                    if (level(old) == level(edge) && edge < old) {
                        edges[i] = edge;
                    }
                    return false;
                }
                i = (i + 1) & mask;
            }
            keys[i] = fp;
            edges[i] = edge;
            if (++size * 4L > keys.length * 3L) {
                grow();
            }
            return true;
        }

        synchronized long edgeOf(long fp) {
            int mask = keys.length - 1;
            for (int i = (int) mix(fp) & mask; keys[i] != 0; i = (i + 1) & mask) {
                if (keys[i] == fp) {
                    return edges[i];
                }
            }
            return NONE;
        }

        synchronized int size() {
            return size;
        }

        synchronized long bytes() {
            return 16L * keys.length;
        }

        private void grow() {
            long[] oldKeys = keys;
            long[] oldEdges = edges;
            keys = new long[oldKeys.length * 2];
            edges = new long[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != 0) {
                    int i = (int) mix(oldKeys[j]) & mask;
                    while (keys[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = oldKeys[j];
                    edges[i] = oldEdges[j];
                }
            }
        }

        /** The slot bits: the fingerprint's low bits (its top bits chose the segment). */
        private static long mix(long fp) {
            return fp ^ fp >>> 29;
        }
    }
}
