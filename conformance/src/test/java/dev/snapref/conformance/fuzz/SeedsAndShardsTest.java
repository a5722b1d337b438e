package dev.snapref.conformance.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedsAndShardsTest {
    @Test
    void seedsParseNumbersHexAndCommitHashesDeterministically() {
        assertEquals(42L, Seeds.parse("42"));
        assertEquals(255L, Seeds.parse("0xff"));
        String commit = "b225eaba91749d4c6c0ee7f61e49021d1473f5f1";
        assertEquals(Seeds.parse(commit), Seeds.parse(commit));
        assertNotEquals(Seeds.parse(commit), Seeds.parse(commit.replace('b', 'c')));
        assertNotEquals(Seeds.scriptSeed(1, 0), Seeds.scriptSeed(1, 1));
        assertNotEquals(Seeds.scriptSeed(1, 0), Seeds.scriptSeed(2, 0));
    }

    @Test
    void shardsPartitionTheScriptIndices() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            Shard s = Shard.parse(i + "/3");
            for (long n = 0; n < 10; n++) {
                long idx = s.scriptIndex(n);
                assertEquals(i, idx % 3);
                assertEquals(true, seen.add(idx), "no index in two shards");
            }
        }
        for (long k = 0; k < 30; k++) {
            assertEquals(true, seen.contains(k), "every index in some shard");
        }
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("3/3"));
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("x"));
    }

    @Test
    void summariesRoundTripAndMerge(@TempDir Path dir) throws Exception {
        FuzzSummary a = new FuzzSummary("1", "0/2", 10, 200, 1_000_000_000L, Map.of("HO-1", 3L, "DM-1", 5L), List.of());
        FuzzSummary b = new FuzzSummary("1", "1/2", 12, 260, 2_000_000_000L, Map.of("HO-1", 1L),
                List.of("script=3 seed=9 clause=HO-3 DIVERGENCE:x"));
        a.save(dir.resolve("a"), 33);
        b.save(dir.resolve("b"), 33);
        FuzzSummary la = FuzzSummary.load(dir.resolve("a/fuzz-summary.txt"));
        assertEquals(a.render(33), la.render(33));
        FuzzSummary m = FuzzSummary.merge(List.of(la, FuzzSummary.load(dir.resolve("b/fuzz-summary.txt"))));
        assertEquals(22, m.scripts());
        assertEquals(460, m.commands());
        assertEquals(4L, m.clauseHits().get("HO-1"));
        assertEquals(1, m.failures().size());
        assertEquals("0/2,1/2", m.shards());
        assertEquals(230.0, m.commandsPerSecond(), 1e-9);
    }
}
