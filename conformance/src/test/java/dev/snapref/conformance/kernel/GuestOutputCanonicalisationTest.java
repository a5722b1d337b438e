package dev.snapref.conformance.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.scenario.Command;
import dev.snapref.scenario.CreateCommand;
import dev.snapref.scenario.DevicePath;
import dev.snapref.scenario.DiskCommand;
import dev.snapref.scenario.Errno;
import dev.snapref.scenario.InfoCommand;
import dev.snapref.scenario.LoadCommand;
import dev.snapref.scenario.ReadCommand;
import dev.snapref.scenario.SectorPattern;
import dev.snapref.scenario.TableCommand;
import dev.snapref.scenario.TranscriptStep;
import dev.snapref.scenario.WriteCommand;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The host side of the kernel target on a console sample in the guest's real format (CRLF,
 * timestamps, junk before a marker, dmsetup and busybox dd messages as they print them): no
 * QEMU needed.
 */
class GuestOutputCanonicalisationTest {
    private GuestLog log;
    private Map<String, GuestLog.GuestDisk> disks;

    @BeforeEach
    void parse() throws IOException {
        log = new GuestLog();
        try (InputStream in = getClass().getResourceAsStream("console-sample.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            for (String l : text.split("\n")) {
                log.accept(l);
            }
        }
        disks = new LinkedHashMap<>();
        disks.put("origin", log.disksBySerial().get("d0"));
        disks.put("cow", log.disksBySerial().get("d1"));
    }

    private TranscriptStep step(int i, Command c) {
        RawCommand raw = log.command(0, i);
        return GuestTranscriber.step(c, raw, GuestTranscriber.names(disks, raw), n -> {
            byte[] a = SectorPattern.fill("POST", 8, 1);
            byte[] b = SectorPattern.fill("PRE", 9, 1);
            byte[] out = new byte[(int) n];
            System.arraycopy(a, 0, out, 0, 512);
            System.arraycopy(b, 0, out, 512, 512);
            return out;
        });
    }

    @Test
    void markersAfterJunkAndCarriageReturnsAreParsed() {
        assertTrue(log.ready());
        assertTrue(log.done());
        assertTrue(log.finished(0));
        assertEquals(0, log.leftAfter(0));
        assertEquals("vdc", log.disksBySerial().get("d0").kernelName());
        assertEquals("254:0", log.disksBySerial().get("ctl").majMin());
        assertNull(log.command(0, 11));
    }

    @Test
    void diskIsOk() {
        assertEquals("$ disk origin 16384\n  -> ok\n", step(0, new DiskCommand("origin", 16384)).render());
    }

    @Test
    void failedCreateNamesTheDeviceFromDmsetupsErrorLine() {
        TranscriptStep s = step(2, new CreateCommand("s1", "0 16384 snapshot /dev/disk/origin /dev/disk/cow P"));
        assertEquals(List.of("table: s1: snapshot: requires 4 or more arguments (-EINVAL)",
                "ioctl: error adding target to table"), s.kmsg());
        assertEquals("error EINVAL", s.outcome().text());
    }

    @Test
    void deviceWithoutTableIsNamedFromDmsetupLsAndOtherKernelLinesAreDropped() {
        TranscriptStep s = step(3, new LoadCommand("s6", "0 16384 snapshot /dev/disk/origin /dev/disk/cow Q 8"));
        assertEquals(List.of("table: s6: snapshot: Couldn't create exception store (-EINVAL)",
                "ioctl: error adding target to table"), s.kmsg());
    }

    @Test
    void tableLinesNamePathsAndLoseTrailingBlanks() {
        assertEquals(List.of("0 16384 snapshot-origin /dev/disk/origin"),
                step(4, new TableCommand("origin", false)).output());
    }

    @Test
    void infoKeepsStateAndTablesOnly() {
        assertEquals(List.of("State: ACTIVE", "Tables present: LIVE & INACTIVE"),
                step(5, new InfoCommand("s6")).output());
    }

    @Test
    void deviceDoesNotExistIsEnxio() {
        assertEquals("error ENXIO", step(6, new InfoCommand("ghost")).outcome().text());
    }

    @Test
    void ddErrorsGiveTheirErrno() {
        assertEquals("error ENOSPC", step(7, new WriteCommand(DevicePath.mapper("origin"), 28, 8, "X"))
                .outcome().text());
        TranscriptStep s = step(10, new ReadCommand(DevicePath.mapper("snap1"), 0, 8));
        assertEquals("error EIO", s.outcome().text());
        assertEquals(List.of("table: origin: /dev/disk/origin too small for target: start=0, len=32768, "
                + "dev_size=16384"), s.kmsg());
    }

    @Test
    void readDataBecomesRuns() {
        TranscriptStep s = step(8, new ReadCommand(DevicePath.mapper("origin"), 8, 4));
        assertEquals(List.of("8-8 POST", "9-9 PRE"), s.output());
    }

    @Test
    void blockedIoIsBlocked() {
        assertEquals("blocked", step(9, new ReadCommand(DevicePath.mapper("origin"), 0, 8)).outcome().text());
    }

    @Test
    void errnoParserKnowsDmsetupAndDdForms() {
        assertEquals(Optional.of(Errno.EBUSY),
                ErrnoParser.parse(List.of("device-mapper: create ioctl on origin  failed: Device or resource busy")));
        assertEquals(Optional.of(Errno.ENOENT),
                ErrnoParser.parse(List.of("dd: can't open '/dev/mapper/x': No such file or directory")));
        assertFalse(ErrnoParser.parse(List.of("Command failed.")).isPresent());
    }

    @Test
    void unknownDeviceNumbersStayAsTheyAre() {
        DeviceNames n = new DeviceNames().disk("origin", "vdc", "254:32").mapped("snap", "dm-1", "253:1");
        assertEquals("253:7: x /dev/disk/origin snap /dev/disk/origin 16/8192 vdz",
                n.inKmsg("253:7: x 254:32 dm-1 vdc 16/8192 vdz"));
        assertEquals("0 16384 snapshot /dev/disk/origin /dev/mapper/snap P 8",
                n.inTable("0 16384 snapshot 254:32 253:1 P 8"));
    }

    @Test
    void guestPlanQuotesWordsAndPlacesPayloads() {
        var script = dev.snapref.scenario.Script.of("t", List.of(new DiskCommand("origin", 64),
                new WriteCommand(DevicePath.disk("origin"), 2, 2, "L"),
                new ReadCommand(DevicePath.disk("origin"), 0, 8)));
        GuestPlan p = GuestPlan.of(List.of(script));
        String prog = p.program();
        assertTrue(prog.contains("sr_disk 'origin' d0"), prog);
        assertTrue(prog.contains("sr_write '/dev/disk/origin' 1024 1024 $((SR_PAYLOAD + 0))"), prog);
        assertTrue(prog.contains("sr_read '/dev/disk/origin' 0 4096 0"), prog);
        byte[] ctl = p.controlDisk();
        int len = Integer.parseInt(new String(ctl, 0, 16, StandardCharsets.US_ASCII).split("\n")[0]);
        assertEquals(prog, new String(ctl, 512, len, StandardCharsets.UTF_8));
        int payload = Integer.parseInt(prog.substring("SR_PAYLOAD=".length(), prog.indexOf('\n')));
        assertEquals("L@2", new String(ctl, payload, 3, StandardCharsets.US_ASCII));
        assertEquals("L@3", new String(ctl, payload + 512, 3, StandardCharsets.US_ASCII));
        assertEquals("'a'\\''b'", GuestPlan.q("a'b"));
    }
}
