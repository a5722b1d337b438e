package dev.snapref.stress;

import dev.snapref.engine.DeviceInfo;
import dev.snapref.engine.DeviceMapper;
import dev.snapref.engine.kernel.DmException;
import java.util.Optional;

/**
 * One small, private device-mapper world for one jcstress state object: an origin disk of
 * {@value #ORIGIN_SECTORS} sectors under a {@code snapshot-origin} device {@code origin}, a cow
 * disk of {@value #COW_SECTORS} sectors, snapshots with persistent stores and chunks of
 * {@value #CHUNK} sectors. Chunk 0 (sectors 0-7) is the chunk every race fights over.
 *
 * <p>Construction is cheap (two small in-memory disks): jcstress builds many worlds per second.
 * Every operation returns its outcome as a short string instead of throwing, so that an actor
 * always returns: {@code OK}, a read's {@link Sectors#summary summary}, or the errno name.
 */
final class World {
    static final long ORIGIN_SECTORS = 64;
    static final long COW_SECTORS = 64;
    static final int CHUNK = 8;
    static final String ORIGIN_DISK = "/dev/disk/origin";
    static final String ORIGIN = "/dev/mapper/origin";
    static final String ORIGIN_TABLE = "0 " + ORIGIN_SECTORS + " snapshot-origin " + ORIGIN_DISK;
    static final String SNAPSHOT_TABLE = "0 " + ORIGIN_SECTORS + " snapshot " + ORIGIN_DISK + " /dev/disk/cow P " + CHUNK;

    final DeviceMapper dm;

    /** The disks and the origin device; no snapshot yet. */
    World() {
        dm = EngineBugs.newDeviceMapper();
        dm.addDisk("origin", ORIGIN_SECTORS);
        dm.addDisk("cow", COW_SECTORS);
        setup(() -> dm.create("origin", ORIGIN_TABLE));
    }

    static String mapper(String name) {
        return "/dev/mapper/" + name;
    }

    /** Writes {@code label} to the whole of chunk 0 of the origin device (set-up: must succeed). */
    World originChunk0(String label) {
        return originChunks(label, 1);
    }

    /** Writes {@code label} to chunks 0 to {@code n - 1} of the origin device (set-up: must succeed). */
    World originChunks(String label, int n) {
        setup(() -> dm.write(ORIGIN, 0, Sectors.pattern(label, 0, n * CHUNK)));
        return this;
    }

    /** Creates an active snapshot {@code name} of the origin on the cow (set-up: must succeed). */
    World snapshot(String name) {
        setup(() -> dm.create(name, SNAPSHOT_TABLE));
        return this;
    }

    /**
     * Prepares a handover from {@code src} to {@code dest}: creates {@code dest} without a table,
     * loads the snapshot table into it (it pairs as the handover destination) and suspends
     * {@code src}. The next {@code resume dest} performs the handover.
     */
    World handoverReady(String src, String dest) {
        prepareDest(dest);
        setup(() -> dm.suspend(src));
        return this;
    }

    /** Creates {@code dest} without a table and loads the snapshot table (it pairs as the handover destination). */
    World prepareDest(String dest) {
        setup(() -> {
            dm.createNoTable(dest);
            dm.load(dest, SNAPSHOT_TABLE);
        });
        return this;
    }

    /** Reads {@code count} sectors at {@code sector}: the summary, or the errno name. */
    String read(String path, long sector, int count) {
        try {
            return Sectors.summary(dm.read(path, sector, count), sector);
        } catch (DmException e) {
            return e.errno().name();
        }
    }

    /** Reads chunk 0 of {@code path}. */
    String readChunk0(String path) {
        return read(path, 0, CHUNK);
    }

    /**
     * Reads chunk 0 of the mapped device {@code name} only if that cannot block: {@code SUSPENDED}
     * when the device is suspended, {@code GONE} when it does not exist (for arbiters).
     */
    String readChunk0IfActive(String name) {
        try {
            DeviceInfo info = dm.info(name);
            if (info.suspended()) {
                return "SUSPENDED";
            }
        } catch (DmException e) {
            return "GONE";
        }
        return readChunk0(mapper(name));
    }

    /** Writes {@code count} sectors of {@code label} at {@code sector}: {@code OK} or the errno name. */
    String write(String path, long sector, int count, String label) {
        return op(() -> dm.write(path, sector, Sectors.pattern(label, sector, count)));
    }

    /** Runs a device-mapper operation: {@code OK} or the errno name. */
    static String op(Op op) {
        try {
            op.run();
            return "OK";
        } catch (DmException e) {
            return e.errno().name();
        }
    }

    /**
     * The snapshot's state for arbiters: {@code GONE} (no such device), {@code NOTABLE} (no live
     * table), {@code Invalid}, or {@code valid:N} with N the sectors its store has allocated
     * (the first number of {@code 24/64 16}).
     */
    String snapshotState(String name) {
        Optional<String> status;
        try {
            status = dm.status(name, false);
        } catch (DmException e) {
            return e.errno() == dev.snapref.engine.kernel.Errno.ENXIO ? "GONE" : e.errno().name();
        }
        if (status.isEmpty()) {
            return "NOTABLE";
        }
        String[] words = status.get().trim().split("\\s+");
        if (words.length < 4) {
            return "?" + status.get();
        }
        if (words[3].equals("Invalid")) {
            return "Invalid";
        }
        int slash = words[3].indexOf('/');
        return slash < 0 ? words[3] : "valid:" + words[3].substring(0, slash);
    }

    /** The number of exceptions the snapshot's store holds, from its status (persistent store, one per chunk allocated past header and metadata). */
    int exceptions(String name, int allocatedBefore) {
        String s = snapshotState(name);
        if (!s.startsWith("valid:")) {
            return -1;
        }
        return (Integer.parseInt(s.substring("valid:".length())) - allocatedBefore) / CHUNK;
    }

    /** Allocated sectors of a valid snapshot (set-up: must be valid). */
    int allocated(String name) {
        String s = snapshotState(name);
        if (!s.startsWith("valid:")) {
            throw new IllegalStateException("set-up: snapshot " + name + " is " + s);
        }
        return Integer.parseInt(s.substring("valid:".length()));
    }

    /** A device-mapper operation. */
    @FunctionalInterface
    interface Op {
        void run() throws DmException;
    }

    private static void setup(Op op) {
        try {
            op.run();
        } catch (DmException e) {
            throw new IllegalStateException("set-up failed: " + e.getMessage(), e);
        }
    }
}
