package dev.snapref.model.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.model.Invariant;
import dev.snapref.model.ModelState;
import dev.snapref.scenario.Script;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The fingerprint explorer: the default configuration's state counts are those of the exact
 * explorer it replaced; any number of workers builds the same tree, reports the same shortest
 * counterexample script and the same leaves; a finite configuration is explored to its end.
 */
class ParallelExplorerTest {
    /** Broken by any state in which a device is suspended: the shortest way is create then suspend. */
    private static final Invariant NOTHING_SUSPENDED = new Invariant() {
        @Override
        public String id() {
            return "TEST-SUSPEND";
        }

        @Override
        public String description() {
            return "no device is suspended (planted: it must fail)";
        }

        @Override
        public Optional<String> check(ModelState s) {
            return s.devices().stream().filter(d -> d.suspended()).findFirst().map(d -> d.name() + " is suspended");
        }
    };

    @Test
    void depthSixOfTheDefaultConfigurationHasTheExactExplorersCounts() {
        ExplorationReport r = new Explorer(ExplorerConfig.defaults(), 2, ExplorationProgress.NONE).explore(6);
        assertEquals(50_235, r.states());
        assertEquals(697_320, r.transitions());
        assertEquals(6, r.depthReached());
        assertEquals(List.of(), r.violations());
        assertTrue(r.bytesPerState() > 8 && r.bytesPerState() < 200, "bytes a state: " + r.bytesPerState());
    }

    @Test
    void anyNumberOfWorkersBuildsTheSameTree() {
        Explorer one = new Explorer(ExplorerConfig.defaults(), 1, ExplorationProgress.NONE);
        Explorer three = new Explorer(ExplorerConfig.defaults(), 3, ExplorationProgress.NONE);
        ExplorationReport a = one.explore(4);
        ExplorationReport b = three.explore(4);
        assertEquals(a.states(), b.states());
        assertEquals(a.transitions(), b.transitions());
        assertEquals(render(one.leafScripts(300)), render(three.leafScripts(300)));
    }

    @Test
    void aViolationIsReportedWithTheShortestScriptWhateverTheWorkers() {
        for (int workers : new int[] {1, 2, 4}) {
            ExplorationReport r = new Explorer(ExplorerConfig.defaults(), workers, ExplorationProgress.NONE,
                    List.of(NOTHING_SUSPENDED)).explore(4);
            assertEquals(1, r.violations().size());
            Violation v = r.violations().get(0);
            assertEquals("TEST-SUSPEND", v.invariant());
            assertEquals("origin is suspended", v.message());
            assertEquals(String.join("\n", "disk origin 32", "disk cow 40",
                    "dmsetup create origin --table '0 32 snapshot-origin /dev/disk/origin'", "dmsetup suspend origin", ""),
                    v.script().render(), "workers " + workers);
        }
    }

    @Test
    void aFiniteConfigurationIsExploredToItsEnd() {
        ExplorerConfig small = new ExplorerConfig("small", 32, 40, 8, 16, 4, List.of(), List.of(8L), List.of("P"));
        ExplorationReport r = new Explorer(small, 2, ExplorationProgress.NONE).explore(50);
        assertTrue(r.depthReached() < 50, "stops when a level adds nothing: " + r.depthReached());
        ExplorationReport again = new Explorer(small, 1, ExplorationProgress.NONE).explore(r.depthReached());
        assertEquals(r.states(), again.states());
    }

    private static String render(List<Script> scripts) {
        StringBuilder sb = new StringBuilder();
        scripts.forEach(s -> sb.append(s.name()).append('\n').append(s.render()));
        return sb.toString();
    }
}
