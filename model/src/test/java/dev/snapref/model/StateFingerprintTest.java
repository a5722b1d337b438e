package dev.snapref.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.model.explore.ExplorerConfig;
import dev.snapref.scenario.Command;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fingerprints are equality-consistent: equal states (however they were built) have equal
 * fingerprints, for the classes with their own {@code equals} too; and the states of an exact
 * exploration, kept by value, have pairwise distinct fingerprints (no collision at this size).
 */
class StateFingerprintTest {
    @ParameterizedTest
    @ValueSource(strings = {"default", "stacks"})
    void equalStatesReachedByDifferentPathsHaveEqualFingerprintsAndDistinctStatesDistinctOnes(String name) {
        ExplorerConfig config = ExplorerConfig.named(name).orElseThrow();
        List<Command> alphabet = config.alphabet();
        ModelState start = ModelState.initial();
        for (Command c : config.prefix()) {
            start = Model.step(start, c).next();
        }
        Map<ModelState, Long> seen = new HashMap<>();
        seen.put(start, StateFingerprint.of(start));
        List<ModelState> level = List.of(start);
        int rebuilt = 0;
        for (int depth = 0; depth < 4; depth++) {
            List<ModelState> next = new ArrayList<>();
            for (ModelState s : level) {
                for (Command c : alphabet) {
                    ModelState t = Model.next(s, c);
                    long fp = StateFingerprint.of(t);
                    Long before = seen.putIfAbsent(t, fp);
                    if (before == null) {
                        next.add(t);
                    } else {
                        assertEquals(before.longValue(), fp, "equal states, equal fingerprints: " + t);
                        rebuilt += t == s ? 0 : 1;
                    }
                }
            }
            level = next;
        }
        Set<Long> fps = new HashSet<>(seen.values());
        assertEquals(seen.size(), fps.size(), "no two distinct states share a fingerprint");
        int least = name.equals("default") ? 4_000 : 500;
        assertTrue(seen.size() > least && rebuilt > least, seen.size() + " states, " + rebuilt + " rebuilt");
        assertTrue(!fps.contains(0L), "fingerprints are never 0");
    }

    @Test
    void theClassesWithTheirOwnEqualsFingerprintByValue() {
        Disk whole = Disk.zeroed("d", 64).writePattern(0, 16, "A");
        Disk halves = Disk.zeroed("d", 64).writePattern(8, 8, "A").writePattern(0, 8, "A");
        assertEquals(whole, halves);
        assertEquals(whole.fingerprint(), halves.fingerprint());
        assertNotEquals(whole.fingerprint(), Disk.zeroed("d", 64).writePattern(0, 16, "B").fingerprint());
        assertNotEquals(whole.fingerprint(), whole.taint().fingerprint());
        assertNotEquals(whole.fingerprint(), Disk.zeroed("e", 64).writePattern(0, 16, "A").fingerprint());

        ExceptionTable ab = ExceptionTable.EMPTY.with(5, 2).with(1, 3);
        ExceptionTable ba = ExceptionTable.EMPTY.with(1, 3).with(5, 2);
        assertEquals(ab, ba);
        assertEquals(ab.fingerprint(), ba.fingerprint());
        assertNotEquals(ab.fingerprint(), ExceptionTable.EMPTY.with(1, 2).with(5, 3).fingerprint());

        PairList p = PairList.EMPTY.append(1, 2).append(3, 4);
        assertEquals(p.fingerprint(), PairList.EMPTY.append(1, 2).append(3, 4).fingerprint());
        assertEquals(p.fingerprint(), PairList.EMPTY.append(9, 9).append(1, 2).append(3, 4).slice(1, 3).fingerprint());
        assertNotEquals(p.fingerprint(), PairList.EMPTY.append(3, 4).append(1, 2).fingerprint());
    }
}
