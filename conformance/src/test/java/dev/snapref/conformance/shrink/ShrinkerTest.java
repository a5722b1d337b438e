package dev.snapref.conformance.shrink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.scenario.Command;
import dev.snapref.scenario.ReadCommand;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.ScriptParser;
import dev.snapref.scenario.WriteCommand;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ShrinkerTest {
    /** "Fails" when a write of at least 8 sectors to the snapshot is followed by a read of it. */
    private static final Predicate<Script> BUG = s -> {
        List<Command> c = s.commands();
        for (int i = 0; i < c.size(); i++) {
            if (c.get(i) instanceof WriteCommand w && w.device().name().equals("snap") && w.count() >= 8) {
                for (int j = i + 1; j < c.size(); j++) {
                    if (c.get(j) instanceof ReadCommand r && r.device().name().equals("snap")) {
                        return true;
                    }
                }
            }
        }
        return false;
    };

    @Test
    void shrinksToTheLinesAndValuesThatMatter() throws Exception {
        Script big = ScriptParser.parse("big.dms", """
                disk origin 16384
                disk cow 8192
                dmsetup create origin --table '0 16384 snapshot-origin /dev/disk/origin'
                write /dev/mapper/origin 0 64 PRE
                dmsetup create snap --table '0 16384 snapshot /dev/disk/origin /dev/disk/cow P 8'
                write /dev/mapper/origin 100 16 POST
                dmsetup status snap
                write /dev/mapper/snap 40 32 SNAPW
                read /dev/mapper/origin 0 64
                dmsetup info snap
                read /dev/mapper/snap 24 64
                dmsetup remove snap
                """);
        assertTrue(BUG.test(big));
        Shrinker shrinker = new Shrinker(BUG, 1000);
        Script small = shrinker.shrink(big);
        assertTrue(BUG.test(small));
        assertEquals("write /dev/mapper/snap 0 8 A\nread /dev/mapper/snap 0 1\n", small.render());
        assertTrue(shrinker.testsRun() > 0 && shrinker.testsRun() <= 1000);
    }

    @Test
    void candidatesThatAreNotWellFormedScriptsAreNeverTried() throws Exception {
        Script s = ScriptParser.parse("d.dms", "disk cow 64\nread /dev/disk/cow 0 8\n");
        Predicate<Script> needsRead = x -> x.commands().stream().anyMatch(c -> c instanceof ReadCommand);
        Script small = new Shrinker(needsRead, 100).shrink(s);
        assertEquals("disk cow 1\nread /dev/disk/cow 0 1\n", small.render(),
                "the disk line stays: a read of an undeclared disk is not a script");
    }
}
