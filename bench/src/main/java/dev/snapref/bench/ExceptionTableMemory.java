package dev.snapref.bench;

import dev.snapref.engine.util.LongLongMap;
import java.util.SplittableRandom;
import org.openjdk.jol.info.GraphLayout;

/**
 * Memory per exception in the engine's exception table ({@link LongLongMap}, origin chunk to
 * cow chunk) holding {@code n} exceptions with scattered origin chunks: the retained size of
 * the map's object graph (JOL, exact) divided by {@code n}, and, as a cross-check, the growth
 * of the used heap after full collections.
 */
final class ExceptionTableMemory {
    /** The two measurements, in bytes per exception. */
    record Result(long exceptions, double jolBytesPerException, double heapBytesPerException) {
    }

    private ExceptionTableMemory() {
    }

    static Result measure(int n) {
        long before = HeapUse.usedAfterGc();
        LongLongMap map = fill(n);
        long after = HeapUse.usedAfterGc();
        double jol = (double) GraphLayout.parseInstance(map).totalSize() / n;
        double heap = (double) (after - before) / n;
        if (map.size() != n) {
            throw new IllegalStateException("map lost entries: " + map.size());
        }
        return new Result(n, jol, heap);
    }

    private static LongLongMap fill(int n) {
        LongLongMap map = new LongLongMap();
        SplittableRandom rnd = new SplittableRandom(42);
        long cow = 2;
        while (map.size() < n) {
            long origin = rnd.nextLong(1L << 40);
            if (!map.containsKey(origin)) {
                map.put(origin, cow++);
            }
        }
        return map;
    }
}
