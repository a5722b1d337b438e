package dev.snapref.conformance.targets.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.snapref.engine.inspect.DeviceView;
import dev.snapref.engine.inspect.OriginView;
import dev.snapref.engine.inspect.SnapshotView;
import dev.snapref.engine.inspect.StoreKind;
import dev.snapref.model.DeviceAbstraction;
import dev.snapref.model.OriginAbstraction;
import dev.snapref.model.SnapshotAbstraction;
import dev.snapref.model.StoreType;
import dev.snapref.model.WorldAbstraction;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link EngineAbstraction} carries every field of the engine's views over to the model's types. */
class EngineAbstractionTest {
    @Test
    void everyFieldIsMappedAndTheCowBecomesADiskName() {
        TreeMap<Long, Long> ex = new TreeMap<>(Map.of(3L, 2L));
        SnapshotView s = new SnapshotView(128, false, true, true, 16, StoreKind.PERSISTENT, true, "/dev/disk/cow", ex);
        SnapshotView n = new SnapshotView(64, true, false, false, 0, StoreKind.TRANSIENT, false, "/dev/disk/c2",
                new TreeMap<>());
        WorldAbstraction w = EngineAbstraction.world(List.of(
                new DeviceView("snap", true, Optional.of(s), Optional.of(n)),
                new DeviceView("origin", false, Optional.of(new OriginView(256, 16)), Optional.empty())));
        assertEquals(List.of("origin", "snap"), List.copyOf(w.devices().keySet()));
        assertEquals(new DeviceAbstraction("snap", true,
                Optional.of(new SnapshotAbstraction(128, false, true, true, 16, StoreType.PERSISTENT, true, "cow", ex)),
                Optional.of(new SnapshotAbstraction(64, true, false, false, 0, StoreType.TRANSIENT, false, "c2",
                        new TreeMap<>()))), w.devices().get("snap"));
        assertEquals(new DeviceAbstraction("origin", false, Optional.of(new OriginAbstraction(256, 16)),
                Optional.empty()), w.devices().get("origin"));
    }

    @Test
    void storeKindsAndCowPathsMapOneToOne() {
        assertEquals(StoreType.PERSISTENT, EngineAbstraction.storeType(StoreKind.PERSISTENT));
        assertEquals(StoreType.TRANSIENT, EngineAbstraction.storeType(StoreKind.TRANSIENT));
        assertEquals("cow", EngineAbstraction.cowDisk("/dev/disk/cow"));
        assertEquals("/dev/mapper/x", EngineAbstraction.cowDisk("/dev/mapper/x"));
    }
}
