package dev.snapref.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.DeviceMapper;
import dev.snapref.engine.kernel.DmException;
import dev.snapref.engine.kernel.Errno;
import dev.snapref.engine.block.BlockDevices;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A cow header whose chunk size is a valid chunk size (a power of two up to INT_MAX >> 9) but puts
 * the header or area 0 past the end of the cow, as Linux 6.1's read_header/persistent_read_metadata
 * answer it: the version check first (EINVAL), then an invalid header loads as an invalid snapshot,
 * else reading area 0 fails with EIO ("Failed to read snapshot metadata"). The engine answers
 * without allocating a chunk-sized buffer (2^21 sectors would be 1 GiB).
 */
class CorruptChunkSizeTest {
    private static final long HUGE = 1L << 21;

    private static byte[] image(long sectors, int valid, int version, long chunk) {
        byte[] img = new byte[(int) sectors * BlockDevice.SECTOR_SIZE];
        DiskFormat.putLe32(img, 0, DiskFormat.MAGIC);
        DiskFormat.putLe32(img, 4, valid);
        DiskFormat.putLe32(img, 8, version);
        DiskFormat.putLe32(img, 12, (int) chunk);
        return img;
    }

    private static DeviceMapper world(byte[] cow) {
        DeviceMapper dm = new DeviceMapper();
        dm.addDisk("origin", 64);
        dm.addDisk("cow", BlockDevices.fromImage(cow));
        return dm;
    }

    @Test
    void hugeOnDiskChunkSizeFailsTheAreaReadWithEio() {
        DeviceMapper dm = world(image(64, 1, 1, HUGE));
        DmException e = assertThrows(DmException.class,
                () -> dm.create("s", "0 64 snapshot /dev/disk/origin /dev/disk/cow P 8"));
        assertEquals(Errno.EIO, e.errno());
        assertEquals(List.of("persistent snapshot: chunk size 2097152 in device metadata overrides table chunk size of 8.",
                "table: s: snapshot: Failed to read snapshot metadata (-EIO)", "ioctl: error adding target to table"),
                dm.log().drain());
        assertFalse(dm.deviceNames().contains("s"));
    }

    @Test
    void areaZeroJustPastTheEndFailsLikeTheHugeOne() {
        // chunk 16 on a 16-sector cow: the header fits, area 0 (sectors 16..31) does not
        DeviceMapper dm = world(image(16, 1, 1, 16));
        DmException e = assertThrows(DmException.class,
                () -> dm.create("s", "0 64 snapshot /dev/disk/origin /dev/disk/cow P 8"));
        assertEquals(Errno.EIO, e.errno());
        assertEquals("table: s: snapshot: Failed to read snapshot metadata (-EIO)", dm.log().drain().get(1));
    }

    @Test
    void theVersionIsCheckedBeforeTheAreaIsRead() {
        DeviceMapper dm = world(image(64, 1, 2, HUGE));
        DmException e = assertThrows(DmException.class,
                () -> dm.create("s", "0 64 snapshot /dev/disk/origin /dev/disk/cow P 8"));
        assertEquals(Errno.EINVAL, e.errno());
        List<String> kmsg = dm.log().drain();
        assertEquals("persistent snapshot: unable to handle snapshot disk version 2", kmsg.get(1));
    }

    @Test
    void anInvalidHeaderLoadsAsAnInvalidSnapshotWithoutReadingArea0() throws DmException {
        DeviceMapper dm = world(image(64, 0, 1, HUGE));
        dm.create("s", "0 64 snapshot /dev/disk/origin /dev/disk/cow P 8");
        assertEquals("0 64 snapshot Invalid", dm.status("s", false).orElseThrow());
        assertEquals(Errno.EIO, assertThrows(DmException.class, () -> dm.read("/dev/mapper/s", 0, 8)).errno());
    }

    @Test
    void aTableChunkLargerThanTheCowFailsTheHeaderRead() {
        DeviceMapper dm = world(new byte[8 * BlockDevice.SECTOR_SIZE]);
        DmException e = assertThrows(DmException.class,
                () -> dm.create("s", "0 64 snapshot /dev/disk/origin /dev/disk/cow P " + HUGE));
        assertEquals(Errno.EIO, e.errno());
        assertEquals(List.of("table: s: snapshot: Failed to read snapshot metadata (-EIO)",
                "ioctl: error adding target to table"), dm.log().drain());
    }
}
