package dev.snapref.engine;

import dev.snapref.engine.util.LongLongMap;
import dev.snapref.engine.util.LongObjectMap;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The primitive exception tables agree with java.util.HashMap under random operations. */
class OpenAddressingMapsTest {
    @Test
    void longLongMapMatchesHashMap() {
        Random r = new Random(42);
        LongLongMap m = new LongLongMap();
        Map<Long, Long> ref = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            long k = r.nextInt(5000) - 100;
            switch (r.nextInt(3)) {
                case 0 -> {
                    long v = r.nextLong();
                    m.put(k, v);
                    ref.put(k, v);
                }
                case 1 -> assertEquals(ref.remove(k) != null, m.remove(k));
                default -> assertEquals(ref.getOrDefault(k, -7L), m.get(k, -7L));
            }
            assertEquals(ref.size(), m.size());
        }
        long[] sum = new long[1];
        m.forEach((k, v) -> sum[0] += v);
        assertEquals(ref.values().stream().mapToLong(Long::longValue).sum(), sum[0]);
    }

    /** Runs of neighbouring keys (small tables place them in runs of slots) through the growth to a large table. */
    @Test
    void longLongMapMatchesHashMapOnRunsOfKeysAcrossGrowth() {
        Random r = new Random(43);
        LongLongMap m = new LongLongMap();
        Map<Long, Long> ref = new HashMap<>();
        for (long k = -1000; k < 150_000; k++) {
            m.put(k, k * 3);
            ref.put(k, k * 3);
            long probe = k - r.nextInt(2000);
            assertEquals(ref.getOrDefault(probe, -7L), m.get(probe, -7L));
            if (r.nextInt(4) == 0) {
                long gone = k - r.nextInt(64);
                assertEquals(ref.remove(gone) != null, m.remove(gone));
            }
            assertEquals(ref.size(), m.size());
        }
        for (long k = -1100; k < 150_100; k++) {
            assertEquals(ref.getOrDefault(k, -7L), m.get(k, -7L));
        }
    }

    @Test
    void longObjectMapMatchesHashMap() {
        Random r = new Random(7);
        LongObjectMap<String> m = new LongObjectMap<>();
        Map<Long, String> ref = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            long k = r.nextInt(3000) * 1_000_003L;
            switch (r.nextInt(3)) {
                case 0 -> {
                    m.put(k, "v" + i);
                    ref.put(k, "v" + i);
                }
                case 1 -> assertEquals(ref.remove(k), m.remove(k));
                default -> assertEquals(ref.get(k), m.get(k));
            }
            assertEquals(ref.size(), m.size());
        }
    }
}
