package dev.snapref.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.model.explore.ExplorationReport;
import dev.snapref.model.explore.Explorer;
import dev.snapref.model.explore.ExplorerConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The explorer at small depths: breadth-first bookkeeping is exact and no invariant is violated. */
class ExplorerTest {
    @Test
    void depthThreeHasNoViolationAndExpandsEveryShallowerState() {
        Explorer e = new Explorer(ExplorerConfig.defaults());
        ExplorationReport two = e.explore(2);
        ExplorationReport three = e.explore(3);
        assertEquals(List.of(), three.violations());
        assertEquals(3, three.depthReached());
        assertEquals(Invariants.all().size(), three.invariants().size());
        assertTrue(three.states() > two.states() && two.states() > 1, two.states() + " then " + three.states());
        long alphabet = ExplorerConfig.defaults().alphabet().size();
        assertEquals(alphabet * two.states(), three.transitions(), "every state within depth 2 expanded once");
    }

    @Test
    void theLvmWorldReachesMergesWithoutAViolation() {
        Explorer e = new Explorer(ExplorerConfig.stacks());
        ExplorationReport r = e.explore(4);
        assertEquals(List.of(), r.violations());
        assertEquals(4, r.depthReached());
        boolean merged = false;
        for (dev.snapref.scenario.Script sc : e.leafScripts(2000)) {
            ModelState end = Model.trace(sc).states().get(sc.commands().size() - 1);
            Device o = end.device("vg-o");
            merged |= o != null && o.live() != null && o.live().target() instanceof SnapshotTarget t && t.merge()
                    && t.active();
        }
        assertTrue(merged, "some explored script resumes a merge");
    }

    @Test
    void leafScriptsAreShortestDistinctPathsFromThePrefix() {
        ExplorerConfig config = ExplorerConfig.defaults();
        Explorer explorer = new Explorer(config);
        explorer.explore(2);
        List<dev.snapref.scenario.Script> scripts = explorer.leafScripts(50);
        assertEquals(50, scripts.size());
        java.util.Set<ModelState> ends = new java.util.HashSet<>();
        for (dev.snapref.scenario.Script sc : scripts) {
            List<dev.snapref.scenario.Command> c = sc.commands();
            assertEquals(config.prefix(), c.subList(0, config.prefix().size()), "every script starts with the prefix");
            assertTrue(c.size() <= config.prefix().size() + 2, "no longer than the depth");
            List<ModelState> trace = Model.trace(sc).states();
            assertTrue(ends.add(trace.get(trace.size() - 1)), "each script reaches a different state");
        }
    }
}
