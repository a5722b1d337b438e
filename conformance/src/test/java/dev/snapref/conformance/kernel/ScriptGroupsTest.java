package dev.snapref.conformance.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.scenario.Command;
import dev.snapref.scenario.DiskCommand;
import dev.snapref.scenario.Script;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dealing scripts to parallel guests by work. No QEMU. */
class ScriptGroupsTest {
    private static Script script(int commands) {
        List<Command> cs = new ArrayList<>(Collections.nCopies(commands, (Command) new DiskCommand("d", 8)));
        return Script.of("s" + commands, cs);
    }

    @Test
    void everyScriptOnceAndTheWorkBalanced() {
        List<Script> scripts = new ArrayList<>();
        for (int n : new int[] {40, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 40}) {
            scripts.add(script(n));
        }
        List<List<Integer>> g = ScriptGroups.deal(scripts, 2);
        assertEquals(2, g.size());
        List<Integer> all = new ArrayList<>(g.get(0));
        all.addAll(g.get(1));
        Collections.sort(all);
        for (int i = 0; i < scripts.size(); i++) {
            assertEquals(i, all.get(i));
        }
        assertTrue(g.get(0).contains(0) != g.get(0).contains(21), "the two long scripts go to different guests");
        g.forEach(l -> assertEquals(l.stream().sorted().toList(), l));
    }

    @Test
    void fewerScriptsThanGroupsLeaveNoEmptyGroup() {
        assertEquals(List.of(List.of(0)), ScriptGroups.deal(List.of(script(3)), 4));
    }
}
