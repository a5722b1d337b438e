package dev.snapref.model.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.model.Model;
import dev.snapref.model.ModelState;
import dev.snapref.model.SnapshotTarget;
import dev.snapref.scenario.Command;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code rollover} configuration reaches what the default one cannot: five of its alphabet's
 * commands fill metadata area 0 (32 one-sector exceptions), roll over to area 1, fill the cow and
 * overflow it, for a PO store (it overflows) and a P store (it is invalidated).
 */
class RolloverConfigTest {
    @Test
    void fiveCommandsOfItsAlphabetRollOverAndOverflow() {
        ExplorerConfig c = ExplorerConfig.rollover();
        for (String type : List.of("PO", "P")) {
            // the snapshot first: the origin's resume then splits its writes at one-sector chunks
            ModelState s = run(c, "dmsetup create s1 --table '0 " + c.originSectors()
                    + " snapshot /dev/disk/origin /dev/disk/cow " + type + " 1'", "dmsetup create origin ",
                    "write /dev/mapper/origin 8 32 B");
            SnapshotTarget snap = (SnapshotTarget) s.device("s1").live().target();
            assertEquals(32, snap.store().exceptions().size());
            assertEquals(1, snap.store().currentArea(), "area 0 is full: the next exception goes to area 1");
            s = Model.next(s, find(c, "write /dev/mapper/origin 0 8 A"));
            snap = (SnapshotTarget) s.device("s1").live().target();
            assertEquals(40, snap.store().exceptions().size(), "area 1 holds 8: the cow is full");
            assertTrue(snap.valid() && !snap.overflowed());
            s = Model.next(s, find(c, "write /dev/mapper/s1 40 4 B"));
            snap = (SnapshotTarget) s.device("s1").live().target();
            if (type.equals("PO")) {
                assertTrue(snap.overflowed() && snap.valid(), "PO overflows: " + snap);
            } else {
                assertFalse(snap.valid(), "P is invalidated: " + snap);
            }
        }
    }

    @Test
    void itIsNamedAndHasNoMergeTable() {
        assertTrue(ExplorerConfig.named("rollover").isPresent());
        assertTrue(ExplorerConfig.rollover().alphabet().stream().noneMatch(c -> c.echo().contains("snapshot-merge")));
    }

    private static ModelState run(ExplorerConfig c, String... prefixes) {
        ModelState s = ModelState.initial();
        List<Command> all = new ArrayList<>(c.prefix());
        for (String p : prefixes) {
            all.add(find(c, p));
        }
        for (Command cmd : all) {
            s = Model.step(s, cmd).next();
        }
        return s;
    }

    private static Command find(ExplorerConfig c, String echoPrefix) {
        return c.alphabet().stream().filter(x -> x.echo().startsWith(echoPrefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no alphabet command " + echoPrefix));
    }
}
