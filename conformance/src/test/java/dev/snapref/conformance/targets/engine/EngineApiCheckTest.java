package dev.snapref.conformance.targets.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.conformance.check.ApiChecking;
import dev.snapref.conformance.check.ApiDisagreement;
import dev.snapref.conformance.targets.TargetSession;
import dev.snapref.engine.DeviceMapper;
import dev.snapref.engine.inspect.DeviceView;
import dev.snapref.model.DeviceAbstraction;
import dev.snapref.model.WorldAbstraction;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.ScriptParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EngineApiCheckTest {
    private static final String SCRIPT = """
            disk origin 64
            disk cow 64
            dmsetup create origin --table '0 64 snapshot-origin /dev/disk/origin'
            dmsetup create s1 --table '0 64 snapshot /dev/disk/origin /dev/disk/cow P 8'
            dmsetup create empty --notable
            dmsetup suspend s1
            read /dev/mapper/origin 60 8
            """;

    private static DeviceMapper world() throws Exception {
        DeviceMapper dm = new DeviceMapper();
        dm.addDisk("origin", 64);
        dm.addDisk("cow", 64);
        dm.create("origin", "0 64 snapshot-origin /dev/disk/origin");
        dm.create("s1", "0 64 snapshot /dev/disk/origin /dev/disk/cow P 8");
        dm.createNoTable("empty");
        dm.suspend("s1");
        dm.suspend("empty");
        return dm;
    }

    @Test
    void theCorrectEngineAgreesWithItsOwnAbstraction() throws Exception {
        DeviceMapper dm = world();
        List<DeviceView> views = dm.inspect();
        assertEquals(List.of(), EngineApiCheck.check(dm, views, EngineAbstraction.world(views), List.of("origin", "cow")));
    }

    @Test
    void theBufferProbesAreRefusedWithoutTouchingTheDisk() throws Exception {
        DeviceMapper dm = world();
        dm.write("/dev/disk/cow", 0, new byte[2 * 512]);
        byte[] before = dm.read("/dev/disk/cow", 0, 64);
        List<ApiDisagreement> out = new ArrayList<>();
        BufferContract.probe(dm, "cow", out);
        assertEquals(List.of(), out);
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, dm.read("/dev/disk/cow", 0, 64));
    }

    @Test
    void aSuspendedFlagTheApiDoesNotReportIsNamedWithBothValues() throws Exception {
        DeviceMapper dm = world();
        List<DeviceView> views = dm.inspect();
        TreeMap<String, DeviceAbstraction> model = new TreeMap<>(EngineAbstraction.world(views).devices());
        DeviceAbstraction o = model.get("origin");
        model.put("origin", new DeviceAbstraction("origin", true, o.live(), o.inactive()));
        List<ApiDisagreement> d = EngineApiCheck.check(dm, views, new WorldAbstraction(model), List.of());
        assertEquals(1, d.size(), d.toString());
        assertEquals("/dev/mapper/origin:api.DeviceMapper.isSuspended", d.get(0).key());
        assertTrue(d.get(0).toString().startsWith("DeviceMapper.isSuspended(/dev/mapper/origin): false vs model"),
                d.get(0).toString());
    }

    @Test
    void aDeviceTheApiDoesNotListAndAnUnsortedInspectionAreFound() throws Exception {
        DeviceMapper dm = world();
        List<DeviceView> views = new ArrayList<>(dm.inspect());
        TreeMap<String, DeviceAbstraction> model = new TreeMap<>(EngineAbstraction.world(views).devices());
        model.put("zz", new DeviceAbstraction("zz", false, java.util.Optional.empty(), java.util.Optional.empty()));
        Collections.reverse(views);
        List<String> accessors = EngineApiCheck.check(dm, views, new WorldAbstraction(model), List.of()).stream()
                .map(ApiDisagreement::accessor).toList();
        assertEquals(List.of("DeviceMapper.inspect", "DeviceMapper.deviceNames"), accessors);
    }

    @Test
    void aSessionChecksEveryStepOfAScriptIncludingAReadPastTheEnd() throws Exception {
        Script s = ScriptParser.parse("s", SCRIPT);
        try (TargetSession session = new EngineTarget().open()) {
            for (var c : s.commands()) {
                session.apply(c);
                WorldAbstraction w = session.world();
                assertEquals(List.of(), ((ApiChecking) session).apiDisagreements(w), c.echo());
            }
        }
    }
}
