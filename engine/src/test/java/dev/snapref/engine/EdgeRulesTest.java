package dev.snapref.engine;

import dev.snapref.engine.kernel.Errno;
import dev.snapref.engine.kernel.DmException;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The edge rules of scenario-format.md, and ctr errors not covered by the recorded runs. */
class EdgeRulesTest {
    private static DeviceMapper world() {
        DeviceMapper dm = new DeviceMapper();
        dm.addDisk("origin", 1024);
        dm.addDisk("cow", 512);
        return dm;
    }

    private static Errno err(Executable e) {
        return assertThrows(DmException.class, e::run).errno();
    }

    @FunctionalInterface
    interface Executable {
        void run() throws Exception;
    }

    @Test
    void unknownNamesAndPaths() {
        DeviceMapper dm = world();
        assertEquals(Errno.ENXIO, err(() -> dm.info("x")));
        assertEquals(Errno.ENXIO, err(() -> dm.status("x", false)));
        assertEquals(Errno.ENXIO, err(() -> dm.table("x", true)));
        assertEquals(Errno.ENXIO, err(() -> dm.remove("x")));
        assertEquals(Errno.ENXIO, err(() -> dm.suspend("x")));
        assertEquals(Errno.ENXIO, err(() -> dm.resume("x")));
        assertEquals(Errno.ENXIO, err(() -> dm.load("x", "0 8 snapshot-origin /dev/disk/origin")));
        assertEquals(Errno.ENOENT, err(() -> dm.read("/dev/mapper/x", 0, 1)));
        assertEquals(Errno.ENOENT, err(() -> dm.write("/dev/disk/nope", 0, new byte[512])));
    }

    @Test
    void notableDeviceHasNoNodeAndLoadedDeviceHasSizeZero() throws Exception {
        DeviceMapper dm = world();
        dm.createNoTable("n");
        assertEquals(Errno.ENOENT, err(() -> dm.read("/dev/mapper/n", 0, 1)));
        dm.load("n", "0 1024 snapshot-origin /dev/disk/origin");
        assertEquals(0, dm.read("/dev/mapper/n", 0, 8).length);
        assertEquals(Errno.ENOSPC, err(() -> dm.write("/dev/mapper/n", 0, new byte[512])));
        assertEquals(new DeviceInfo(false, false, true), dm.info("n"));
        dm.resume("n");
        assertEquals(new DeviceInfo(false, true, false), dm.info("n"));
        assertEquals(8 * 512, dm.read("/dev/mapper/n", 0, 8).length);
    }

    @Test
    void ioCrossingTheEnd() throws Exception {
        DeviceMapper dm = world();
        dm.create("o", "0 1024 snapshot-origin /dev/disk/origin");
        assertEquals(4 * 512, dm.read("/dev/mapper/o", 1020, 8).length);
        assertEquals(0, dm.read("/dev/mapper/o", 2000, 8).length);
        assertEquals(Errno.ENOSPC, err(() -> dm.write("/dev/mapper/o", 1020, Patterns.fill("E", 1020, 8))));
        assertEquals("E@1023", Patterns.at(dm.read("/dev/disk/origin", 1023, 1), 0));
    }

    @Test
    void ctrErrorsAreLoggedAsTheKernelDoes() {
        DeviceMapper dm = world();
        assertEquals(Errno.ENODEV, err(() -> dm.create("a", "0 1024 snapshot /dev/disk/none /dev/disk/cow P 8")));
        assertEquals(List.of("table: a: snapshot: Cannot get origin device (-ENODEV)",
                "ioctl: error adding target to table"), dm.log().drain());
        assertEquals(Errno.EINVAL, err(() -> dm.create("b", "0 1024 snapshot /dev/disk/origin /dev/disk/origin P 8")));
        assertEquals("table: b: snapshot: COW device cannot be the same as origin device (-EINVAL)", dm.log().drain().get(0));
        assertEquals(Errno.EINVAL, err(() -> dm.create("c", "0 1024 snapshot /dev/disk/origin /dev/disk/cow PX 8")));
        assertEquals(List.of("persistent snapshot: Unsupported persistent store option: X",
                "table: c: snapshot: Couldn't create exception store (-EINVAL)",
                "ioctl: error adding target to table"), dm.log().drain());
        assertEquals(Errno.EINVAL, err(() -> dm.create("d", "0 1024 snapshot /dev/disk/origin /dev/disk/cow N 0")));
        assertEquals("table: d: snapshot: Chunk size not set (-EINVAL)", dm.log().drain().get(0));
        assertEquals(Errno.EINVAL, err(() -> dm.create("e", "0 1024 snapshot /dev/disk/origin /dev/disk/cow P 8 1 bogus")));
        assertEquals("table: e: snapshot: Unrecognised feature requested (-EINVAL)", dm.log().drain().get(0));
        assertEquals(Errno.EINVAL, err(() -> dm.create("f", "0 1024 striped /dev/disk/origin 0")));
        assertEquals(List.of("table: f: striped: unknown target type", "ioctl: error adding target to table"),
                dm.log().drain());
        assertEquals(Errno.EINVAL, err(() -> dm.create("g", "0 1024 linear /dev/disk/origin")));
        assertEquals("table: g: linear: Invalid argument count (-EINVAL)", dm.log().drain().get(0));
        assertEquals(Errno.EINVAL, err(() -> dm.create("h", "0 1024 linear /dev/disk/origin +1")));
        assertEquals("table: h: linear: Invalid device sector (-EINVAL)", dm.log().drain().get(0));
        assertEquals(Errno.ENODEV, err(() -> dm.create("i", "0 1024 linear /dev/mapper/none 0")));
        assertEquals("table: i: linear: Device lookup failed (-ENODEV)", dm.log().drain().get(0));
        assertTrue(dm.deviceNames().isEmpty());
    }

    @Test
    void tableLargerThanItsDeviceIsRejected() throws Exception {
        DeviceMapper dm = world();
        assertEquals(Errno.EINVAL, err(() -> dm.create("s7", "0 2048 snapshot /dev/disk/origin /dev/disk/cow P 8")));
        assertEquals(List.of("table: s7: /dev/disk/origin too small for target: start=0, len=2048, dev_size=1024",
                "core: Cannot calculate initial queue limits",
                "ioctl: unable to set up device queue for new table."), dm.log().drain());
        assertTrue(dm.deviceNames().isEmpty());
        // on a device that already has a table, the check runs at resume (dm_swap_table)
        dm.create("o", "0 1024 snapshot-origin /dev/disk/origin");
        dm.load("o", "0 4096 snapshot-origin /dev/disk/origin");
        assertEquals(Errno.EINVAL, err(() -> dm.resume("o")));
        assertEquals(List.of("table: o: /dev/disk/origin too small for target: start=0, len=4096, dev_size=1024"),
                dm.log().drain());
        assertEquals(new DeviceInfo(true, true, false), dm.info("o"));
        assertEquals("0 1024 snapshot-origin /dev/disk/origin", dm.table("o", false).orElseThrow());
        dm.resume("o");
        assertFalse(dm.info("o").suspended());
        // the snapshot created above was unregistered: a new one on the same cow is a normal snapshot
        dm.create("s", "0 1024 snapshot /dev/disk/origin /dev/disk/cow P 8");
        assertEquals("0 1024 snapshot 16/512 16", dm.status("s", false).orElseThrow());
    }

    @Test
    void persistentDefaultChunkSizeAndFeaturesInTableLine() throws Exception {
        DeviceMapper dm = world();
        dm.create("s", "0 1024 snapshot /dev/disk/origin /dev/disk/cow PO 0 2 discard_zeroes_cow discard_passdown_origin");
        assertEquals("0 1024 snapshot /dev/disk/origin /dev/disk/cow PO 32 2 discard_zeroes_cow discard_passdown_origin",
                dm.table("s", false).orElseThrow());
        assertEquals("0 1024 snapshot 64/512 64", dm.status("s", false).orElseThrow());
    }

    @Test
    void overflowWithPoKeepsReadsWorking() throws Exception {
        DeviceMapper dm = new DeviceMapper();
        dm.addDisk("origin", 1024);
        dm.addDisk("cow", 32); // header, area, 2 data chunks of 8
        dm.create("o", "0 1024 snapshot-origin /dev/disk/origin");
        dm.write("/dev/mapper/o", 0, Patterns.fill("PRE", 0, 64));
        dm.create("s", "0 1024 snapshot /dev/disk/origin /dev/disk/cow PO 8");
        dm.write("/dev/mapper/s", 0, Patterns.fill("A", 0, 8));
        dm.write("/dev/mapper/s", 8, Patterns.fill("B", 8, 8));
        assertEquals(Errno.EIO, err(() -> dm.write("/dev/mapper/s", 16, Patterns.fill("C", 16, 8))));
        assertEquals(List.of("snapshots: Snapshot overflowed: Unable to allocate exception."), dm.log().drain());
        assertEquals("0 1024 snapshot Overflow", dm.status("s", false).orElseThrow());
        assertEquals("B@9", Patterns.at(dm.read("/dev/mapper/s", 9, 1), 0));
        assertEquals(Errno.EIO, err(() -> dm.write("/dev/mapper/s", 0, Patterns.fill("D", 0, 1))));
        assertFalse(dm.isSuspended("/dev/mapper/s"));
    }

    @Test
    void removeOfDeviceWithBothTablesDestroysInactiveFirstWithoutCancelling() throws Exception {
        DeviceMapper dm = world();
        dm.create("o", "0 1024 snapshot-origin /dev/disk/origin");
        dm.create("s", "0 1024 snapshot /dev/disk/origin /dev/disk/cow P 8");
        dm.load("s", "0 1024 snapshot /dev/disk/origin /dev/disk/cow P 8");
        assertEquals(new DeviceInfo(false, true, true), dm.info("s"));
        dm.remove("s");
        assertEquals(List.of(), dm.log().drain());
        dm.create("s2", "0 1024 snapshot /dev/disk/origin /dev/disk/cow P 8");
        assertEquals("0 1024 snapshot 16/512 16", dm.status("s2", false).orElseThrow());
    }
}
