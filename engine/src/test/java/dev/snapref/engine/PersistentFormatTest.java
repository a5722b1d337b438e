package dev.snapref.engine;

import dev.snapref.engine.kernel.Errno;
import dev.snapref.engine.kernel.DmException;

import dev.snapref.engine.block.BlockDevices;
import dev.snapref.engine.cow.CowArea;
import dev.snapref.engine.cow.CowException;
import dev.snapref.engine.cow.CowImageCheck;
import dev.snapref.engine.cow.CowImageDump;
import dev.snapref.engine.store.DiskFormat;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The persistent store's on-disk format: written images read back, kernel images read, corruption rejected. */
class PersistentFormatTest {
    private static final String SNAP = "0 4096 snapshot /dev/disk/origin /dev/disk/cow P ";

    private static DeviceMapper world(long cowSectors) throws DmException {
        DeviceMapper dm = new DeviceMapper();
        dm.addDisk("origin", 4096);
        dm.addDisk("cow", cowSectors);
        dm.create("origin", "0 4096 snapshot-origin /dev/disk/origin");
        dm.write("/dev/mapper/origin", 0, Patterns.fill("PRE", 0, 4096));
        return dm;
    }

    private static void withSnapshot(DeviceMapper dm, String name, long chunk) throws DmException {
        dm.suspend("origin");
        dm.create(name, SNAP + chunk);
        dm.resume("origin");
    }

    @Test
    void freshCowGetsHeaderAndZeroedAreaZero() throws DmException {
        DeviceMapper dm = world(1024);
        withSnapshot(dm, "s", 8);
        CowImageDump d = CowImageDump.of(BlockDevices.image(dm.disk("cow")));
        assertTrue(d.header().hasSnapshotMagic());
        assertEquals(1, d.header().valid());
        assertEquals(1, d.header().version());
        assertEquals(8, d.header().chunkSize());
        assertEquals(1, d.areas().size());
        assertTrue(d.exceptions().isEmpty());
        assertEquals("0 4096 snapshot 16/1024 16", dm.status("s", false).orElseThrow());
    }

    @Test
    void areaRolloverSkipsMetadataChunksAndReadsBack() throws DmException {
        // chunk size 1 sector: E = 32 exceptions per area; area 1 sits at chunk 34
        DeviceMapper dm = world(200);
        withSnapshot(dm, "s", 1);
        for (int i = 0; i < 40; i++) {
            dm.write("/dev/mapper/origin", i, Patterns.fill("NEW", i, 1));
        }
        byte[] image = BlockDevices.image(dm.disk("cow"));
        CowImageDump d = CowImageDump.of(image);
        List<CowArea> areas = d.areas();
        assertEquals(2, areas.size());
        assertTrue(areas.get(0).full());
        assertEquals(32, areas.get(0).exceptions().size());
        assertEquals(34, areas.get(1).chunk());
        assertEquals(8, areas.get(1).exceptions().size());
        for (CowException e : d.exceptions()) {
            assertFalse(DiskFormat.isAreaChunk(32, e.newChunk()), "exception on metadata chunk " + e);
        }
        // the 33rd exception comes after area 1's chunk
        assertEquals(35, areas.get(1).exceptions().get(0).newChunk());
        assertTrue(CowImageCheck.check(image).ok(), CowImageCheck.check(image).problems().toString());
        // 40 exceptions + header + 2 areas = next_free 43; metadata (1 + 1 + 1) chunks
        assertEquals("0 4096 snapshot 43/200 3", dm.status("s", false).orElseThrow());

        // reload on the used cow (new device, old one removed): same data, same allocation point
        dm.remove("s");
        dm.suspend("origin");
        dm.create("again", SNAP + 1);
        dm.resume("origin");
        assertEquals("0 4096 snapshot 43/200 3", dm.status("again", false).orElseThrow());
        byte[] snap = dm.read("/dev/mapper/again", 0, 48);
        for (int i = 0; i < 48; i++) {
            assertEquals("PRE@" + i, Patterns.at(snap, i));
        }
        dm.write("/dev/mapper/origin", 45, Patterns.fill("X", 45, 1));
        assertEquals("0 4096 snapshot 44/200 3", dm.status("again", false).orElseThrow());
        assertEquals("PRE@45", Patterns.at(dm.read("/dev/mapper/again", 45, 1), 0));
    }

    /**
     * A commit may write only the area sectors that changed, but the area on disk must always end
     * up equal to the whole area in memory, as the kernel's whole-chunk write leaves it: entries,
     * then zeros. Stale bytes on the cow outside the new entries would betray a short write made
     * while the disk did not mirror memory.
     */
    @Test
    void areasOnDiskEqualTheWholeAreaAfterEveryCommitOnAStaleCow() throws Exception {
        for (boolean forgetZero : new boolean[] {false, true}) {
            DeviceMapper dm = forgetZero ? DeviceMapper.withBug("forget-zero-next-area") : new DeviceMapper();
            dm.addDisk("origin", 4096);
            long chunk = 8; // 4 KiB: 256 entries an area over 8 sectors, so a commit can write fewer sectors
            long perArea = DiskFormat.exceptionsPerArea(chunk);
            long area1 = DiskFormat.areaLocation(perArea, 1);
            int cowSectors = (int) ((area1 + 8) * chunk);
            dm.addDisk("cow", cowSectors);
            byte[] stale = new byte[cowSectors * 512];
            java.util.Arrays.fill(stale, (byte) 0x5a);
            dm.write("/dev/disk/cow", 0, stale);
            dm.write("/dev/disk/cow", 0, new byte[(int) chunk * 512]); // no header: a new store
            dm.create("origin", "0 4096 snapshot-origin /dev/disk/origin");
            withSnapshot(dm, "s", chunk);
            for (int i = 0; i < perArea + 4; i++) {
                dm.write("/dev/mapper/origin", i * chunk, Patterns.fill("NEW", i * chunk, (int) chunk));
                byte[] image = BlockDevices.image(dm.disk("cow"));
                int inArea1 = (int) Math.max(0, i + 1 - perArea);
                long areaChunk = inArea1 == 0 ? 1 : area1;
                int entries = inArea1 == 0 ? i + 1 : inArea1;
                int areaBytes = (int) chunk * 512;
                byte[] area = java.util.Arrays.copyOfRange(image, (int) (areaChunk * areaBytes),
                        (int) (areaChunk * areaBytes) + areaBytes);
                for (int b = entries * DiskFormat.ENTRY_BYTES; b < areaBytes; b++) {
                    assertEquals(0, area[b], "stale byte " + b + " in area chunk " + areaChunk + " after " + (i + 1)
                            + " exceptions (forget-zero bug " + forgetZero + ")");
                }
                for (int e = 0; e < entries; e++) {
                    assertEquals(i + 1 - entries + e, DiskFormat.le64(area, e * DiskFormat.ENTRY_BYTES),
                            "old chunk of entry " + e + " in area chunk " + areaChunk);
                }
            }
        }
    }

    @Test
    void onDiskChunkSizeOverridesTheTable() throws DmException {
        DeviceMapper dm = world(1024);
        withSnapshot(dm, "s", 8);
        dm.write("/dev/mapper/origin", 0, Patterns.fill("NEW", 0, 8));
        dm.remove("s");
        dm.log().drain();
        dm.suspend("origin");
        dm.create("t", SNAP + 16);
        dm.resume("origin");
        assertEquals(List.of("persistent snapshot: chunk size 8 in device metadata overrides table chunk size of 16."),
                dm.log().drain());
        assertEquals("0 4096 snapshot /dev/disk/origin /dev/disk/cow P 8", dm.table("t", false).orElseThrow());
        assertEquals("PRE@3", Patterns.at(dm.read("/dev/mapper/t", 3, 1), 0));
    }

    @Test
    void corruptMagicIsRejectedLikeTheKernel() throws Exception {
        DeviceMapper dm = world(1024);
        dm.write("/dev/disk/cow", 0, Patterns.fill("JUNK", 0, 1));
        DmException e = assertThrows(DmException.class, () -> dm.create("s", SNAP + 8));
        assertEquals(Errno.ENXIO, e.errno());
        assertEquals(List.of("persistent snapshot: Invalid or corrupt snapshot",
                "table: s: snapshot: Failed to read snapshot metadata (-ENXIO)",
                "ioctl: error adding target to table"), dm.log().drain());
        assertThrows(DmException.class, () -> dm.info("s"));
        assertFalse(CowImageCheck.check(BlockDevices.image(dm.disk("cow"))).ok());
    }

    @Test
    void unknownVersionIsRejected() throws Exception {
        DeviceMapper dm = world(1024);
        byte[] h = new byte[512];
        DiskFormat.putLe32(h, 0, DiskFormat.MAGIC);
        DiskFormat.putLe32(h, 4, 1);
        DiskFormat.putLe32(h, 8, 2);
        DiskFormat.putLe32(h, 12, 8);
        dm.write("/dev/disk/cow", 0, h);
        DmException e = assertThrows(DmException.class, () -> dm.create("s", SNAP + 8));
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals("persistent snapshot: unable to handle snapshot disk version 2", dm.log().drain().get(0));
        assertEquals("unsupported version 2", CowImageCheck.check(BlockDevices.image(dm.disk("cow"))).reason());
    }

    @Test
    void invalidatedCowLoadsAsInvalid() throws Exception {
        DeviceMapper dm = world(64);
        withSnapshot(dm, "s", 8);
        dm.write("/dev/mapper/origin", 0, Patterns.fill("POST", 0, 64)); // overflows the 64-sector cow
        assertEquals("0 4096 snapshot Invalid", dm.status("s", false).orElseThrow());
        dm.remove("s");
        dm.log().drain();
        dm.create("t", SNAP + 8);
        assertEquals(List.of("snapshots: Snapshot is marked invalid."), dm.log().drain());
        assertEquals("0 4096 snapshot Invalid", dm.status("t", false).orElseThrow());
        assertEquals(Errno.EIO, assertThrows(DmException.class, () -> dm.read("/dev/mapper/t", 0, 1)).errno());
    }

    @Test
    void kernelImagesDumpAndCheckClean() throws IOException {
        Path dir = TestScripts.kernelTranscripts();
        List<Path> cows;
        try (Stream<Path> s = Files.list(dir)) {
            cows = s.filter(p -> p.getFileName().toString().matches(".*\\.cow\\.img\\.gz")).sorted().toList();
        }
        assertFalse(cows.isEmpty());
        for (Path p : cows) {
            byte[] img = TestScripts.gunzip(p);
            CowImageCheck.Result r = CowImageCheck.check(img);
            if (p.getFileName().toString().startsWith("transient")) {
                // a transient store keeps no metadata: data at chunk 0 is not a header
                assertTrue(r.reason().startsWith("bad magic"), r.reason());
                continue;
            }
            assertTrue(r.ok(), p + ": " + r.problems());
            CowImageDump d = CowImageDump.of(img);
            if (d.header().hasSnapshotMagic()) {
                assertEquals(8, d.header().chunkSize(), p.toString());
                assertTrue(d.toJson().startsWith("{\"imageBytes\":" + img.length));
            }
        }
        CowImageDump hf = CowImageDump.of(TestScripts.gunzip(dir.resolve("handover-full.cow.img.gz")));
        assertEquals(List.of(new CowException(0, 0, 2), new CowException(1, 3, 3), new CowException(2, 1, 4)),
                hf.exceptions());
        CowImageDump ov = CowImageDump.of(TestScripts.gunzip(dir.resolve("cow-overflow.cow.img.gz")));
        assertEquals(0, ov.header().valid());
        assertTrue(ov.toText().contains("[0] old 0 -> new 2"), ov.toText());
    }

    @Test
    void kernelCowImageLoadsIntoTheEngine() throws Exception {
        Path dir = TestScripts.kernelTranscripts();
        DeviceMapper dm = new DeviceMapper();
        dm.addDisk("origin", BlockDevices.fromImage(TestScripts.gunzip(dir.resolve("handover-full.origin.img.gz"))));
        dm.addDisk("cow", BlockDevices.fromImage(TestScripts.gunzip(dir.resolve("handover-full.cow.img.gz"))));
        dm.create("s", "0 16384 snapshot /dev/disk/origin /dev/disk/cow P 8");
        assertEquals("0 16384 snapshot 40/8192 16", dm.status("s", false).orElseThrow());
        byte[] data = dm.read("/dev/mapper/s", 0, 32);
        for (int i = 0; i < 24; i++) {
            assertEquals("PRE@" + i, Patterns.at(data, i));
        }
        for (int i = 24; i < 32; i++) {
            assertEquals("SRCW@" + i, Patterns.at(data, i));
        }
    }

    @Test
    void checkFindsMetadataPointersDuplicatesAndMissingTerminator() {
        byte[] img = new byte[8 * 4096];
        DiskFormat.putLe32(img, 0, DiskFormat.MAGIC);
        DiskFormat.putLe32(img, 4, 1);
        DiskFormat.putLe32(img, 8, 1);
        DiskFormat.putLe32(img, 12, 8);
        int area = 4096;
        DiskFormat.putLe64(img, area, 5);
        DiskFormat.putLe64(img, area + 8, 1); // points at area 0 itself
        DiskFormat.putLe64(img, area + 16, 5);
        DiskFormat.putLe64(img, area + 24, 3); // duplicate old chunk
        DiskFormat.putLe64(img, area + 32, 6);
        DiskFormat.putLe64(img, area + 40, 99); // beyond the image
        List<String> problems = CowImageCheck.check(img).problems();
        assertTrue(problems.get(0).contains("metadata chunk"), problems.toString());
        assertTrue(problems.stream().anyMatch(s -> s.contains("duplicate old chunk 5")), problems.toString());
        assertTrue(problems.stream().anyMatch(s -> s.contains("beyond the image")), problems.toString());

        byte[] full = new byte[2 * 512];
        DiskFormat.putLe32(full, 0, DiskFormat.MAGIC);
        DiskFormat.putLe32(full, 4, 1);
        DiskFormat.putLe32(full, 8, 1);
        DiskFormat.putLe32(full, 12, 1);
        for (int i = 0; i < 32; i++) {
            DiskFormat.putLe64(full, 512 + i * 16, i);
            DiskFormat.putLe64(full, 512 + i * 16 + 8, 2 + i);
        }
        assertTrue(CowImageCheck.check(full).reason().startsWith("no terminator"), CowImageCheck.check(full).reason());
    }

    @Test
    void imageRoundTripThroughFileBackedDevice(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path cowFile = tmp.resolve("cow.img");
        DeviceMapper dm = new DeviceMapper();
        dm.addDisk("origin", 4096);
        try (var cow = dev.snapref.engine.block.FileBlockDevice.create(cowFile, 1024)) {
            dm.addDisk("cow", cow);
            dm.create("origin", "0 4096 snapshot-origin /dev/disk/origin");
            dm.write("/dev/mapper/origin", 0, Patterns.fill("PRE", 0, 64));
            withSnapshot(dm, "s", 8);
            dm.write("/dev/mapper/origin", 0, Patterns.fill("POST", 0, 24));
            assertArrayEquals(Files.readAllBytes(cowFile), BlockDevices.image(dm.disk("cow")));
        }
        CowImageDump d = CowImageDump.of(cowFile);
        assertEquals(3, d.exceptions().size());
        assertTrue(CowImageCheck.check(cowFile).ok());
    }
}
