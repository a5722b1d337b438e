package dev.snapref.conformance.fault;

import dev.snapref.engine.store.DiskFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The exception entries of a base cow image, {@code {old, new}} in the order they are written (and
 * so read back by read_exceptions and passed to dm_add_exception). Cow chunks are allocated from
 * chunk 2 upwards, skipping metadata chunks, as a sequentially written store allocates them; old
 * chunks are distinct, drawn from {@code 0 .. 4n+8+256}.
 *
 * <p>Half the seeds give what a sequential writer gives: shuffled old chunks with increasing cow
 * chunks ({@link #plain}). The other half ({@link #runs}) mix single entries with runs the kernel's
 * table joins (dm_insert_exception, hash shift 8): upward runs (consecutive old and cow chunks
 * written in increasing order) and downward runs (written in decreasing order: each entry's old and
 * cow chunks one below the previous one of its run), interleaved with each other's entries, some
 * crossing a 256-chunk group boundary, where the kernel splits them. Such a store is well-formed:
 * the kernel reads entries in order and requires no order of their chunks.
 *
 * <p>One runs-seed in {@value #BUG_ON_ONE_IN} ends a downward run on an entry whose stored new chunk
 * already carries a consecutive count (its top 8 bits) such that the run's last entry grows it past
 * 255 chunks: the kernel's BUG_ON in dm_consecutive_chunk_count_inc (out of the model's scope). A
 * run grown from count 0 cannot get there: it stays inside its 256-chunk group, 255 at most.
 */
final class ImageRuns {
    /** One in this many runs-seeds carries a run grown past 255 chunks. */
    static final int BUG_ON_ONE_IN = 4;

    private ImageRuns() {
    }

    /** {@code n} entries for an image with {@code e} exceptions per area. */
    static List<long[]> entries(Random rnd, int n, long e) {
        List<Long> cows = new ArrayList<>(n);
        long next = 2;
        for (int i = 0; i < n; i++) {
            cows.add(next);
            next++;
            if (DiskFormat.isAreaChunk(e, next)) {
                next++;
            }
        }
        return rnd.nextBoolean() ? plain(rnd, cows) : runs(rnd, cows);
    }

    /** Shuffled old chunks, cow chunks in allocation order. */
    private static List<long[]> plain(Random rnd, List<Long> cows) {
        int n = cows.size();
        List<Long> olds = new ArrayList<>();
        for (long o = 0; o < 4L * n + 8; o++) {
            olds.add(o);
        }
        Collections.shuffle(olds, rnd);
        List<long[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new long[] {olds.get(i), cows.get(i)});
        }
        return out;
    }

    /** Singles, upward and downward runs over consecutive cow chunks, interleaved. */
    private static List<long[]> runs(Random rnd, List<Long> cows) {
        int n = cows.size();
        boolean[] used = new boolean[4 * n + 8 + 256];
        List<List<long[]>> segments = new ArrayList<>();
        int chain = n >= 2 && rnd.nextInt(BUG_ON_ONE_IN) == 0 ? 2 + rnd.nextInt(Math.min(n - 1, 15)) : 0;
        int taken = 0;
        while (taken < n - chain) {
            int left = n - chain - taken;
            int kind = rnd.nextInt(4);
            int length = kind < 2 || left < 2 ? 1 : 2 + rnd.nextInt(Math.min(left - 1, rnd.nextInt(8) == 0 ? 300 : 12));
            segments.add(segment(rnd, used, cows.subList(taken, taken + length), kind == 3, false));
            taken += length;
        }
        if (chain > 0) {
            segments.add(segment(rnd, used, cows.subList(n - chain, n), true, true));
        }
        return interleave(rnd, segments, n);
    }

    /**
     * Entries mapping a block of free old chunks onto {@code cows} in order, written downwards when
     * {@code down}; for {@code pastLimit} inside one group, the first-written entry carrying the
     * count that its run's last entry grows past 255. Singles when no free block is found.
     */
    private static List<long[]> segment(Random rnd, boolean[] used, List<Long> cows, boolean down,
                                        boolean pastLimit) {
        int length = cows.size();
        long start = freeBlock(rnd, used, length, pastLimit);
        List<long[]> seg = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            seg.add(new long[] {start < 0 ? freeBlock(rnd, used, 1, false) : start + i, cows.get(i)});
        }
        if (down) {
            Collections.reverse(seg);
        }
        if (pastLimit && start >= 0) {
            seg.get(0)[1] |= (257L - length) << 56; // a run of 258 - length chunks: length - 1 growths pass 255
        }
        return seg;
    }

    /**
     * A random start of {@code length} free old chunks, marked used; inside one 256-chunk group when
     * {@code oneGroup}; -1 when none was found in a few tries.
     */
    private static long freeBlock(Random rnd, boolean[] used, int length, boolean oneGroup) {
        if (length > used.length || oneGroup && length > 256) {
            return -1;
        }
        for (int tries = 0; tries < 64; tries++) {
            int start = rnd.nextInt(used.length - length + 1);
            if (oneGroup && start >>> 8 != (start + length - 1) >>> 8) {
                continue;
            }
            boolean free = true;
            for (int i = start; i < start + length && free; i++) {
                free = !used[i];
            }
            if (free) {
                for (int i = start; i < start + length; i++) {
                    used[i] = true;
                }
                return start;
            }
        }
        if (length == 1) {
            for (int i = 0; i < used.length; i++) {
                if (!used[i]) {
                    used[i] = true;
                    return i;
                }
            }
        }
        return -1;
    }

    /** The segments' entries merged in a random order that keeps each segment's own order. */
    private static List<long[]> interleave(Random rnd, List<List<long[]>> segments, int n) {
        List<Integer> picks = new ArrayList<>(n);
        for (int s = 0; s < segments.size(); s++) {
            for (int i = 0; i < segments.get(s).size(); i++) {
                picks.add(s);
            }
        }
        Collections.shuffle(picks, rnd);
        int[] at = new int[segments.size()];
        List<long[]> out = new ArrayList<>(n);
        for (int s : picks) {
            out.add(segments.get(s).get(at[s]++));
        }
        assert out.size() == n : "every entry placed once";
        return out;
    }
}
