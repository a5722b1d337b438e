package dev.snapref.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the kernel's table of completed exceptions makes of on-disk entries (dm_insert_exception, lookups). */
class LoadedExceptionsTest {
    private static Map<Long, Long> load(long... pairs) {
        LoadedExceptions l = new LoadedExceptions();
        for (int i = 0; i < pairs.length; i += 2) {
            l.add(pairs[i], pairs[i + 1]);
        }
        return l.table().asMap();
    }

    @Test
    void wellFormedEntriesMapThemselvesWhateverTheirOrder() {
        assertEquals(Map.of(5L, 10L, 6L, 11L, 7L, 12L, 300L, 2L), load(6, 11, 300, 2, 5, 10, 7, 12));
    }

    @Test
    void theTopEightBitsOfANewChunkCountConsecutiveChunks() {
        // count 2, cow chunk 7: chunks 4, 5, 6 map to 7, 8, 9
        assertEquals(Map.of(4L, 7L, 5L, 8L, 6L, 9L), load(4, (2L << 56) | 7));
        // 2^64-1: count 255 and cow chunk 2^56-1; a run stays inside its 256-chunk group
        Map<Long, Long> all = load(250, -1L);
        assertEquals(6, all.size());
        assertEquals((1L << 56) - 1, all.get(250L));
        assertEquals((1L << 56) + 4, all.get(255L));
    }

    @Test
    void aDuplicateIsShadowedByTheEarlierListedEntryUnlessItExtendsAnotherRun() {
        assertEquals(Map.of(5L, 10L), load(5, 10, 5, 11));
        // (6 -> 20) is listed after (5 -> 10); (6 -> 11) then extends 5's run, which comes first
        assertEquals(Map.of(5L, 10L, 6L, 11L), load(5, 10, 6, 20, 6, 11));
    }

    @Test
    void aRunWhoseEndWrapsPast2To64CoversNothing() {
        assertEquals(Map.of(), load(-2L, (5L << 56) | 3));
    }

    @Test
    void aRunGrownPast255ChunksIsTheKernelsBugOn() {
        // growing at its end would cross into the next group (another slot), so only at its start
        assertThrows(ModelLimitation.class, () -> load(10, (255L << 56) | 100, 9, 99));
    }
}
