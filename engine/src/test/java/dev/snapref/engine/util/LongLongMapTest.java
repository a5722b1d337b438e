package dev.snapref.engine.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Edges of the compact exception table: the free-slot key, extreme keys, growth, memory bound. */
class LongLongMapTest {
    @Test
    void theFreeSlotKeyAndExtremeKeysAreOrdinaryKeys() {
        LongLongMap m = new LongLongMap();
        for (long k : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1}) {
            assertFalse(m.containsKey(k));
            m.put(k, k ^ 5);
        }
        assertEquals(4, m.size());
        assertEquals(Long.MIN_VALUE ^ 5, m.get(Long.MIN_VALUE, 9));
        long[] seen = new long[1];
        m.forEach((k, v) -> seen[0]++);
        assertEquals(4, seen[0]);
        assertTrue(m.remove(Long.MIN_VALUE));
        assertFalse(m.remove(Long.MIN_VALUE));
        assertEquals(9, m.get(Long.MIN_VALUE, 9));
        assertEquals(3, m.size());
        m.put(-1, -1);
        assertEquals(0, m.add(-1, 1));
        assertFalse(m.containsKey(-1));
    }

    @Test
    void clustersThatWrapAroundSurviveRemovalsAndGrowth() {
        Random r = new Random(3);
        LongLongMap m = new LongLongMap(1);
        Map<Long, Long> ref = new HashMap<>();
        for (int i = 0; i < 300_000; i++) {
            long k = r.nextInt(40_000) * 0x1_0000_0001L;
            if (r.nextInt(4) == 0) {
                assertEquals(ref.remove(k) != null, m.remove(k));
            } else {
                m.put(k, i);
                ref.put(k, (long) i);
            }
        }
        assertEquals(ref.size(), m.size());
        ref.forEach((k, v) -> assertEquals(v, m.get(k, -1)));
        m.forEach((k, v) -> assertEquals(ref.get(k), v));
    }

    @Test
    void aMillionEntriesTakeAtMost24BytesEach() throws Exception {
        LongLongMap m = new LongLongMap();
        for (long i = 0; i < 1_000_000; i++) {
            m.put(i * 7919, i);
        }
        var f = LongLongMap.class.getDeclaredField("keys");
        f.setAccessible(true);
        long slots = ((long[]) f.get(m)).length;
        assertTrue(slots * 16 <= 24 * 1_000_000L, "slots " + slots);
    }
}
