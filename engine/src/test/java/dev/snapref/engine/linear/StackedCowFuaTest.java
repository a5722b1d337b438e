package dev.snapref.engine.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.engine.DeviceMapper;
import dev.snapref.engine.block.BlockOp;
import dev.snapref.engine.block.FaultAtlas;
import dev.snapref.engine.block.FaultyBlockDevice;
import dev.snapref.engine.block.MemoryBlockDevice;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A persistent store on a cow that is a {@code linear} device (LVM's {@code vg-s-cow}): its
 * metadata writes keep REQ_FUA down to the physical volume and its flushes reach it, as dm-linear
 * passes a clone's flags on. Before 2026-12-05 the mapped device dropped the flag: a crash after a
 * commit could lose the committed exception from the disk's cache.
 */
class StackedCowFuaTest {
    @Test
    void metadataWritesThroughALinearCowKeepFuaAndFlushesReachTheDisk() throws Exception {
        FaultyBlockDevice pv = new FaultyBlockDevice(new MemoryBlockDevice(4096), FaultAtlas.NONE);
        DeviceMapper dm = new DeviceMapper();
        dm.addDisk("pv", pv);
        dm.create("o-real", "0 256 linear /dev/disk/pv 0");
        dm.create("o", "0 256 snapshot-origin /dev/mapper/o-real");
        dm.create("s-cow", "0 256 linear /dev/disk/pv 1024");
        dm.suspend("o");
        dm.create("s", "0 256 snapshot /dev/mapper/o-real /dev/mapper/s-cow P 8");
        dm.resume("o");
        dm.write("/dev/mapper/o", 0, new byte[8 * 512]);

        long area0 = 1024 + 8; // chunk 1 of the cow (area 0), at the linear offset
        List<BlockOp> areaWrites = pv.log().stream()
                .filter(op -> op.kind() == BlockOp.Kind.WRITE && op.sector() == area0).toList();
        assertEquals(2, areaWrites.size(), "the area zeroed at creation, then the commit: " + pv.log());
        assertFalse(areaWrites.get(0).fua(), "the zeroed area: " + areaWrites.get(0).describe());
        assertTrue(areaWrites.get(1).fua(), "the commit lost REQ_FUA on the way down: " + areaWrites.get(1).describe());
        assertTrue(pv.log().stream().anyMatch(op -> op.kind() == BlockOp.Kind.FLUSH), "no flush reached the disk");
    }
}
