package dev.snapref.stress;

import dev.snapref.engine.DeviceMapper;
import dev.snapref.engine.kernel.DmException;
import java.util.Optional;

/**
 * A small world with a merge about to start, for the merge races: origin chunks 0-3 hold PRE
 * under the {@code snapshot-origin} device {@code origin}; snapshot {@code s1} (on {@code cow1})
 * was taken then, and the origin's chunks 0 and 1 were overwritten with NEW (so s1 holds PRE for
 * them in its cow); snapshot {@code s2} (on {@code cow2}) was taken after, so it shows NEW, NEW,
 * PRE, PRE. A {@code snapshot-merge} table on s1's cow is loaded into {@code origin} and s1 is
 * suspended: the next {@code resume origin} hands s1's store over and starts the background merge,
 * which copies chunks 0 and 1 out to s2 before it puts PRE back into the origin.
 */
final class MergeWorld {
    static final long SECTORS = 64;
    static final int CHUNK = 8;
    static final String ORIGIN = "/dev/mapper/origin";

    final DeviceMapper dm = EngineBugs.newDeviceMapper();

    MergeWorld() {
        setup(() -> {
            dm.addDisk("origin", SECTORS);
            dm.addDisk("cow1", SECTORS);
            dm.addDisk("cow2", SECTORS);
            dm.create("origin", "0 " + SECTORS + " snapshot-origin /dev/disk/origin");
            dm.write(ORIGIN, 0, Sectors.pattern("PRE", 0, 4 * CHUNK));
            dm.create("s1", snapshotTable("snapshot", "cow1"));
            dm.suspend("origin"); // as LVM does: the origin's split boundary becomes the chunk size
            dm.resume("origin");
            dm.write(ORIGIN, 0, Sectors.pattern("NEW", 0, 2 * CHUNK));
            dm.create("s2", snapshotTable("snapshot", "cow2"));
            dm.load("origin", snapshotTable("snapshot-merge", "cow1"));
            dm.suspend("s1");
        });
    }

    static String snapshotTable(String type, String cow) {
        return "0 " + SECTORS + " " + type + " /dev/disk/origin /dev/disk/" + cow + " P " + CHUNK;
    }

    /** Reads {@code count} sectors from {@code sector} of {@code path}: the summary, or the errno name. */
    String read(String path, long sector, int count) {
        try {
            return Sectors.summary(dm.read(path, sector, count), sector);
        } catch (DmException e) {
            return e.errno().name();
        }
    }

    /**
     * Waits (at most 10 s) until the merge target on {@code origin} has merged everything (its
     * status {@code A/T M} with {@code A = M}) or stopped ({@code Invalid}, {@code Merge failed});
     * returns {@code MERGED}, the status word, or {@code TIMEOUT}.
     */
    String awaitMerge() {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            Optional<String> st;
            try {
                st = dm.status("origin", false);
            } catch (DmException e) {
                return e.errno().name();
            }
            String[] w = st.orElse("").split(" ");
            if (w.length < 5 || !w[3].contains("/")) {
                return w.length > 3 ? w[3] : "NOTABLE";
            }
            if (w[3].substring(0, w[3].indexOf('/')).equals(w[4])) {
                return "MERGED";
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "INTERRUPTED";
            }
        }
        return "TIMEOUT";
    }

    /** A device-mapper operation. */
    @FunctionalInterface
    interface Op {
        void run() throws DmException;
    }

    static String op(Op op) {
        try {
            op.run();
            return "OK";
        } catch (DmException e) {
            return e.errno().name();
        }
    }

    private static void setup(Op op) {
        try {
            op.run();
        } catch (DmException e) {
            throw new IllegalStateException("set-up failed: " + e.getMessage(), e);
        }
    }
}
