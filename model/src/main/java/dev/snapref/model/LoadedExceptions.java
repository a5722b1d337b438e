package dev.snapref.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The completed exceptions the kernel holds after reading a persistent store's areas, as the
 * mapping its lookups answer. read_exceptions passes every on-disk entry {@code (old, new)} to
 * dm_add_exception, which inserts it unchanged into the snapshot's table of completed exceptions
 * (dm_insert_exception, hash shift 8): the top 8 bits of a stored {@code new} count chunks that
 * follow consecutively, the low 56 bits are the cow chunk. In one 256-chunk group (the table's hash
 * slots never mix groups whose chunks a lookup could confuse: at least 64 slots) the entries form a
 * list sorted by old chunk, later equal ones after earlier ones; an entry whose old and new chunks
 * continue a listed entry's run at either end extends that run instead of being listed. A lookup of
 * chunk {@code c} takes the first listed entry of {@code c}'s group whose run covers it, and remaps
 * {@code c} to the entry's cow chunk plus the distance from its first old chunk.
 *
 * <p>So for well-formed metadata (new chunks below 2^56, one entry per old chunk) the mapping is the
 * entries themselves; a corrupt store gets exactly what the kernel makes of it: runs, duplicates
 * resolved by list order, a run crossing into the next group seen only in its own group, cow chunks
 * below 2^57 whatever the stored value. Arithmetic is the kernel's unsigned 64-bit arithmetic.
 *
 * <p>Limit: a run grown past 255 chunks is a kernel BUG_ON (an oops, nothing to compare), raised as
 * a {@link ModelLimitation}.
 */
final class LoadedExceptions {
    private static final long NUMBER_MASK = (1L << 56) - 1;
    private static final long ONE_MORE = 1L << 56;

    /** Per group ({@code old >>> 8}): its list, each entry {@code {old, stored new}}, in list order. */
    private final Map<Long, List<long[]>> groups = new HashMap<>();

    /** dm_add_exception of one on-disk entry. */
    void add(long old, long stored) {
        List<long[]> list = groups.computeIfAbsent(old >>> 8, g -> new ArrayList<>(4));
        for (int i = 0; i < list.size(); i++) {
            long[] e = list.get(i);
            long run = e[1] >>> 56;
            long first = e[1] & NUMBER_MASK;
            if (old == e[0] + run + 1 && stored == first + run + 1) {
                e[1] = grown(e[1]);
                return;
            }
            if (old == e[0] - 1 && stored == first - 1) {
                e[1] = grown(e[1]) - 1;
                e[0]--;
                return;
            }
            if (Long.compareUnsigned(old, e[0]) < 0) {
                list.add(i, new long[] {old, stored});
                return;
            }
        }
        list.add(new long[] {old, stored});
    }

    private static long grown(long stored) {
        long next = stored + ONE_MORE;
        if (next >>> 56 == 0) {
            throw new ModelLimitation("a run of consecutive exceptions grows past 255 chunks: kernel BUG_ON"
                    + " in dm_consecutive_chunk_count_inc");
        }
        return next;
    }

    /** The mapping the loaded table's lookups answer. */
    ExceptionTable table() {
        TreeMap<Long, Long> map = new TreeMap<>();
        for (Map.Entry<Long, List<long[]>> g : groups.entrySet()) {
            Map<Long, Long> seen = new HashMap<>();
            for (long[] e : g.getValue()) {
                long run = e[1] >>> 56;
                long last = e[0] + run;
                if (Long.compareUnsigned(last, e[0]) < 0) {
                    continue; // old + run wraps: "chunk <= old + run" holds for no chunk at or after old
                }
                for (long k = 0; k <= run && (e[0] + k) >>> 8 == g.getKey(); k++) {
                    seen.putIfAbsent(e[0] + k, (e[1] & NUMBER_MASK) + k);
                }
            }
            map.putAll(seen);
        }
        return ExceptionTable.of(map);
    }
}
