package dev.snapref.conformance.shrink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.scenario.Script;
import dev.snapref.scenario.ScriptParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batched ddmin on a predicate that needs two particular lines. */
class BatchShrinkerTest {
    private static final String SCRIPT = String.join("\n", "disk origin 4096", "disk cow 256",
            "dmsetup create origin --table '0 4096 snapshot-origin /dev/disk/origin'",
            "write /dev/mapper/origin 64 16 PRE",
            "dmsetup create s1 --table '0 4096 snapshot /dev/disk/origin /dev/disk/cow P 16'",
            "dmsetup status s1", "read /dev/mapper/origin 0 8", "dmsetup suspend s1", "dmsetup info s1",
            "dmsetup resume s1", "dmsetup status origin", "") ;

    @Test
    void keepsOnlyWhatTheFailureNeedsInFewBatches() throws Exception {
        Script s = ScriptParser.parse("t", SCRIPT);
        List<Integer> batchSizes = new ArrayList<>();
        BatchShrinker shrinker = new BatchShrinker(batch -> {
            batchSizes.add(batch.size());
            return batch.stream().map(BatchShrinkerTest::fails).toList();
        }, 30);
        Script small = shrinker.shrink(s);
        assertTrue(fails(small));
        assertEquals(2, small.commands().size(), small.render());
        assertTrue(shrinker.batchesRun() <= 30 && shrinker.batchesRun() == batchSizes.size());
        assertTrue(shrinker.testsRun() >= shrinker.batchesRun());
    }

    @Test
    void aBudgetOfOneBatchStillGivesAFailingScript() throws Exception {
        Script s = ScriptParser.parse("t", SCRIPT);
        Script small = new BatchShrinker(batch -> batch.stream().map(BatchShrinkerTest::fails).toList(), 1).shrink(s);
        assertTrue(fails(small));
        assertTrue(small.commands().size() <= s.commands().size());
    }

    private static boolean fails(Script s) {
        String text = s.render();
        return text.contains("dmsetup suspend s1") && text.contains("dmsetup info s1");
    }
}
