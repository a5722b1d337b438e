package dev.snapref.conformance.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.snapref.scenario.CreateCommand;
import dev.snapref.scenario.StatusCommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A {@code create} whose table loads but whose resume fails leaves no device, and its kernel
 * messages still name it (scenario-format edge rule): the guest never lists that device, so
 * the device-mapper number nobody names is the created device's. No QEMU needed.
 */
class FailedCreateNamingTest {
    private static final String CONSOLE = String.join("\n",
            "@@DISK d0 vdc 254:32", "@@DISK d1 vdd 254:48", "@@DMMAJOR 253", "@@READY", "@@SCRIPT 0",
            "@@BEGIN 0.0", "@@DM dm-0 253:0 0 origin", "@@DM dm-1 253:1 0 s1", "@@DM dm-2 253:2 0 s9",
            "@@RC 0", "@@DM dm-0 253:0 0 origin", "@@DM dm-1 253:1 0 s1", "@@END 0.0",
            "@@BEGIN 0.1", "@@DM dm-0 253:0 0 origin", "@@DM dm-1 253:1 0 s1",
            "@@RC 1", "@@E device-mapper: resume ioctl on s2  failed: Invalid argument", "@@E Command failed.",
            "@@DML origin 253:0", "@@DML s1 253:1",
            "@@DM dm-0 253:0 0 origin", "@@DM dm-1 253:1 0 s1",
            "@@K [    7.1] device-mapper: snapshots: Unable to perform snapshot handover until source is suspended.",
            "@@K [    7.2] device-mapper: table: 253:2: snapshot: preresume failed, error = -22",
            "@@END 0.1",
            "@@BEGIN 0.2", "@@RC 0", "@@O 0 1024 snapshot 253:1 16/256 16",
            "@@K [    8.0] device-mapper: table: 253:2: stale", "@@END 0.2", "@@CLEAN 0 0", "@@DONE");

    private final GuestLog log = new GuestLog();
    private final Map<String, GuestLog.GuestDisk> disks = new LinkedHashMap<>();

    FailedCreateNamingTest() {
        for (String l : CONSOLE.split("\n")) {
            log.accept(l);
        }
        disks.put("origin", log.disksBySerial().get("d0"));
        disks.put("cow", log.disksBySerial().get("d1"));
    }

    @Test
    void theKmsgOfAFailedCreateNamesTheCreatedDevice() {
        assertEquals("253", log.dmMajor());
        Map<String, RawCommand.MappedDevice> seen = new LinkedHashMap<>(log.command(0, 0).mapped());
        RawCommand raw = log.command(0, 1);
        var step = GuestTranscriber.step(new CreateCommand("s2", "0 1024 snapshot /dev/disk/origin /dev/disk/cow P 8"),
                raw, GuestTranscriber.names(disks, raw, seen, "s2", log.dmMajor()), n -> new byte[0]);
        assertEquals(List.of("snapshots: Unable to perform snapshot handover until source is suspended.",
                "table: s2: snapshot: preresume failed, error = -22"), step.kmsg());
        assertEquals("error EINVAL", step.outcome().text());
    }

    @Test
    void otherCommandsUseEarlierSightingsAndNoFallback() {
        Map<String, RawCommand.MappedDevice> seen = new LinkedHashMap<>(log.command(0, 0).mapped());
        RawCommand raw = log.command(0, 2);
        DeviceNames names = GuestTranscriber.names(disks, raw, seen, null, log.dmMajor());
        assertEquals("table: s9: stale", names.inKmsg("table: 253:2: stale"));
        assertEquals("0 1024 snapshot /dev/mapper/s1 16/256 16", names.inTable("0 1024 snapshot 253:1 16/256 16"));
        assertEquals("table: 253:7: x", names.inKmsg("table: 253:7: x"));
        var step = GuestTranscriber.step(new StatusCommand("s1", false), raw, names, n -> new byte[0]);
        assertEquals(List.of("table: s9: stale"), step.kmsg());
    }

    @Test
    void unlistedNamesOnlyDeviceMapperNumbers() {
        DeviceNames n = new DeviceNames().disk("origin", "vdc", "254:32").unlisted("253", "s2");
        assertEquals("table: s2: /dev/disk/origin 8:1", n.inKmsg("table: 253:5: 254:32 8:1"));
        assertEquals("0 8 linear 253:5 0", n.inTable("0 8 linear 253:5 0"));
    }
}
