package dev.snapref.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.model.AbstractionDifference.Field;
import dev.snapref.scenario.ScriptParser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** {@link WorldAbstraction#differences}: every field, named precisely with both values. */
class WorldAbstractionTest {
    private static final SnapshotAbstraction SNAP = new SnapshotAbstraction(64, true, true, false, 8,
            StoreType.PERSISTENT, false, "cow", new TreeMap<>(Map.of(1L, 2L, 3L, 4L)));
    private static final OriginAbstraction ORIGIN = new OriginAbstraction(64, 8);

    private static WorldAbstraction world(DeviceAbstraction... devices) {
        return WorldAbstraction.of(List.of(devices));
    }

    private static DeviceAbstraction snap(SnapshotAbstraction live) {
        return new DeviceAbstraction("snap", false, Optional.of(live), Optional.empty());
    }

    private static WorldAbstraction base() {
        return world(new DeviceAbstraction("origin", false, Optional.of(ORIGIN), Optional.empty()), snap(SNAP));
    }

    private static AbstractionDifference onlyDifference(WorldAbstraction a, WorldAbstraction b) {
        List<AbstractionDifference> d = a.differences(b);
        assertEquals(1, d.size(), d::toString);
        return d.get(0);
    }

    private static SnapshotAbstraction snapWith(UnaryOperator<Object[]> edit) {
        Object[] f = {SNAP.length(), SNAP.valid(), SNAP.active(), SNAP.overflowed(), SNAP.chunkSize(),
                SNAP.storeType(), SNAP.overflowAware(), SNAP.cowDisk(), SNAP.exceptions()};
        Object[] g = edit.apply(f.clone());
        @SuppressWarnings("unchecked")
        java.util.SortedMap<Long, Long> ex = (java.util.SortedMap<Long, Long>) g[8];
        return new SnapshotAbstraction((Long) g[0], (Boolean) g[1], (Boolean) g[2], (Boolean) g[3], (Long) g[4],
                (StoreType) g[5], (Boolean) g[6], (String) g[7], ex);
    }

    private static Object[] set(Object[] f, int i, Object v) {
        f[i] = v;
        return f;
    }

    @Test
    void equalWorldsHaveNoDifferences() {
        assertEquals(List.of(), base().differences(base()));
        assertEquals(List.of(), WorldAbstraction.EMPTY.differences(world()));
    }

    @Test
    void everySnapshotFieldIsNamedWithBothValues() {
        record Case(int index, Object value, Field field, String mine, String theirs) { }
        List<Case> cases = List.of(
                new Case(0, 32L, Field.LENGTH, "64", "32"),
                new Case(1, false, Field.VALID, "true", "false"),
                new Case(2, false, Field.ACTIVE, "true", "false"),
                new Case(3, true, Field.OVERFLOWED, "false", "true"),
                new Case(4, 16L, Field.CHUNK_SIZE, "8", "16"),
                new Case(5, StoreType.TRANSIENT, Field.STORE_TYPE, "P", "N"),
                new Case(6, true, Field.STORE_TYPE, "P", "PO"),
                new Case(7, "cow2", Field.COW, "cow", "cow2"),
                new Case(8, new TreeMap<>(Map.of(1L, 2L, 3L, 5L)), Field.EXCEPTIONS, "{3=4} (1 of 2)",
                        "{3=5} (1 of 2)"));
        for (Case c : cases) {
            WorldAbstraction other = base();
            WorldAbstraction doctored = world(other.devices().get("origin"),
                    snap(snapWith(f -> set(f, c.index(), c.value()))));
            AbstractionDifference d = onlyDifference(base(), doctored);
            assertEquals(new AbstractionDifference("snap", Slot.LIVE, c.field(), c.mine(), c.theirs()), d);
            assertTrue(d.toString().startsWith("snap: live " + c.field().label() + ": " + c.mine() + " vs "),
                    d::toString);
        }
    }

    @Test
    void deviceOriginAndTableFieldsAreNamed() {
        WorldAbstraction b = base();
        DeviceAbstraction origin = b.devices().get("origin");
        DeviceAbstraction snap = b.devices().get("snap");
        assertEquals(new AbstractionDifference("origin", Slot.LIVE, Field.SPLIT_BOUNDARY, "8", "16"),
                onlyDifference(b, world(new DeviceAbstraction("origin", false,
                        Optional.of(new OriginAbstraction(64, 16)), Optional.empty()), snap)));
        assertEquals(new AbstractionDifference("origin", Slot.LIVE, Field.LENGTH, "64", "128"),
                onlyDifference(b, world(new DeviceAbstraction("origin", false,
                        Optional.of(new OriginAbstraction(128, 8)), Optional.empty()), snap)));
        assertEquals(new AbstractionDifference("snap", null, Field.SUSPENDED, "false", "true"),
                onlyDifference(b, world(origin, new DeviceAbstraction("snap", true, snap.live(), snap.inactive()))));
        assertEquals(new AbstractionDifference("snap", Slot.INACTIVE, Field.TABLE, "absent", "present"),
                onlyDifference(b, world(origin, new DeviceAbstraction("snap", false, snap.live(), snap.live()))));
        assertEquals(new AbstractionDifference("snap", Slot.LIVE, Field.TARGET, "snapshot", "snapshot-origin"),
                onlyDifference(b, world(origin, new DeviceAbstraction("snap", false, Optional.of(ORIGIN),
                        Optional.empty()))));
        assertEquals(new AbstractionDifference("snap", null, Field.DEVICE, "present", "absent"),
                onlyDifference(b, world(origin)));
        assertEquals("snap: device: present vs absent", onlyDifference(b, world(origin)).toString());
        assertEquals("snap:live.valid", new AbstractionDifference("snap", Slot.LIVE, Field.VALID, "true", "false").key());
    }

    @Test
    void differencesComeInDeviceThenFieldOrderWithThisWorldsValueFirst() {
        WorldAbstraction b = base();
        WorldAbstraction other = world(new DeviceAbstraction("origin", true, Optional.of(ORIGIN), Optional.empty()),
                snap(snapWith(f -> set(set(f, 1, false), 4, 16L))));
        assertEquals(List.of(new AbstractionDifference("origin", null, Field.SUSPENDED, "false", "true"),
                new AbstractionDifference("snap", Slot.LIVE, Field.VALID, "true", "false"),
                new AbstractionDifference("snap", Slot.LIVE, Field.CHUNK_SIZE, "8", "16")), b.differences(other));
        assertEquals("true", other.differences(b).get(0).value());
    }

    @Test
    void manyDifferingExceptionsAreSummarised() {
        TreeMap<Long, Long> many = new TreeMap<>();
        for (long i = 0; i < 20; i++) {
            many.put(i, i + 100);
        }
        AbstractionDifference d = onlyDifference(base(), world(base().devices().get("origin"),
                snap(snapWith(f -> set(f, 8, many)))));
        assertEquals("{1=2, 3=4} (2 of 2)", d.value());
        assertEquals("{0=100, 1=101, 2=102, 3=103, 4=104, 5=105, 6=106, 7=107, ...} (20 of 20)", d.otherValue());
    }

    @Test
    void theModelsAbstractionIsSortedTypedAndComplete() throws Exception {
        ModelState s = ModelState.initial();
        for (dev.snapref.scenario.Command c : ScriptParser.parse("s", """
                disk origin 256
                disk cow 64
                dmsetup create snap --table '0 256 snapshot /dev/disk/origin /dev/disk/cow PO 8'
                dmsetup create origin --table '0 256 snapshot-origin /dev/disk/origin'
                dmsetup load snap --table '0 128 snapshot /dev/disk/origin /dev/disk/cow P 16'
                write /dev/mapper/origin 0 8 A
                """).commands()) {
            s = Model.step(s, c).next();
        }
        WorldAbstraction w = s.abstraction();
        assertEquals(List.of("origin", "snap"), List.copyOf(w.devices().keySet()));
        SnapshotAbstraction live = (SnapshotAbstraction) w.devices().get("snap").live().orElseThrow();
        assertEquals(new SnapshotAbstraction(256, true, true, false, 8, StoreType.PERSISTENT, true, "cow",
                new TreeMap<>(Map.of(0L, 2L))), live);
        assertEquals(Optional.of(new OriginAbstraction(256, 8)), w.devices().get("origin").live());
        assertTrue(w.devices().get("snap").inactive().orElseThrow() instanceof SnapshotAbstraction i && !i.active()
                && i.length() == 128);
        assertThrows(IllegalArgumentException.class, () -> WorldAbstraction.of(List.of(snap(SNAP), snap(SNAP))));
    }
}
