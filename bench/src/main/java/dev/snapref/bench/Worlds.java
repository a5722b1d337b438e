package dev.snapref.bench;

import dev.snapref.engine.DeviceMapper;
import dev.snapref.engine.kernel.DmException;

/** Engine worlds the benchmarks start from: one origin, one persistent snapshot, in memory. */
final class Worlds {
    static final String ORIGIN = "/dev/mapper/origin";
    static final String SNAP = "/dev/mapper/snap";

    private Worlds() {
    }

    /** An origin of {@code originSectors} with one active persistent snapshot on a fresh cow. */
    static DeviceMapper withFreshSnapshot(long originSectors, long chunkSectors) {
        DeviceMapper dm = new DeviceMapper();
        dm.addDisk("origin", originSectors);
        dm.addDisk("cow", CowImage.sectorsFor(originSectors / chunkSectors, chunkSectors));
        return tables(dm, originSectors, chunkSectors);
    }

    /** An origin with one active persistent snapshot whose cow already holds {@code n} exceptions. */
    static DeviceMapper withExceptions(long originSectors, long chunkSectors, long n) {
        DeviceMapper dm = new DeviceMapper();
        dm.addDisk("origin", originSectors);
        dm.addDisk("cow", CowImage.build(n, chunkSectors, originSectors / chunkSectors));
        return tables(dm, originSectors, chunkSectors);
    }

    /**
     * Replaces the snapshot of {@code dm} (made by {@link #withFreshSnapshot}) by a new one on the
     * same cow, whose header chunk is wiped first so the new store starts empty: every origin chunk
     * needs a copy-on-write again, while every disk page stays allocated.
     */
    static void resnapshot(DeviceMapper dm, long originSectors, long chunkSectors) throws DmException {
        dm.remove("snap");
        dm.write("/dev/disk/cow", 0, new byte[(int) chunkSectors * 512]);
        dm.create("snap", snapshotTable(originSectors, chunkSectors));
    }

    static String snapshotTable(long originSectors, long chunkSectors) {
        return "0 " + originSectors + " snapshot /dev/disk/origin /dev/disk/cow P " + chunkSectors;
    }

    private static DeviceMapper tables(DeviceMapper dm, long originSectors, long chunkSectors) {
        try {
            dm.create("origin", "0 " + originSectors + " snapshot-origin /dev/disk/origin");
            dm.create("snap", snapshotTable(originSectors, chunkSectors));
        } catch (DmException e) {
            throw new IllegalStateException("benchmark world: " + e.getMessage(), e);
        }
        return dm;
    }
}
