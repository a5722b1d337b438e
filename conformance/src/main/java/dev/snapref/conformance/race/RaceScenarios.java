package dev.snapref.conformance.race;

import dev.snapref.scenario.ScriptError;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The races the concurrency phase explores, as templates whose sizes, chunk, store type and
 * chunks touched are drawn from a seed: the handover with I/O in flight (origin writes whose
 * exceptions are pending when the stores move — the race of kernel fix b735fede8d95 —, snapshot
 * reads and writes), removing the source against the handover, two loads on one cow, and the
 * copy-out races of one snapshot (two origin writes, origin against snapshot write, origin write
 * against suspend, pending exception against read, two origin writes to two chunks followed by a
 * third write, removing a snapshot while an exception is pending on it, the handover after the
 * origin's table was reloaded), and the background merge against the handover of another
 * snapshot of its origin (kernel fix 09ee96b21456; the merge worker is one more scheduled thread),
 * and origin I/O while the merge runs ({@code lvconvert --merge} of a live origin), and a
 * snapshot activated while an origin write waits for its copy-out (retry_origin_bios' second pass).
 * They mirror the jcstress races of
 * {@code stress/} (see {@code proofs-notes/stress-races.md}), small enough to explore exhaustively
 * up to a few preemptions.
 *
 * <p>Deterministic: the same seed gives the same scenarios in the same order.
 */
public final class RaceScenarios {
    private RaceScenarios() {
    }

    /** The scenarios for {@code seed}. */
    public static List<RaceScenario> forSeed(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<RaceScenario> out = new ArrayList<>();
        out.add(handover("handover-origin-write", new Geometry(rnd), false, false));
        out.add(handover("handover-snapshot-read", new Geometry(rnd), true, false));
        out.add(handover("handover-two-origin-writes", new Geometry(rnd), false, true));
        out.add(handoverSnapshotWrite(new Geometry(rnd)));
        out.add(removeSourceAgainstHandover(new Geometry(rnd)));
        out.add(twoLoads(new Geometry(rnd)));
        out.add(copyOut("two-origin-writes", new Geometry(rnd), 0));
        out.add(copyOut("origin-against-snapshot-write", new Geometry(rnd), 1));
        out.add(copyOut("origin-write-against-suspend", new Geometry(rnd), 2));
        out.add(copyOut("pending-exception-read", new Geometry(rnd), 3));
        out.add(copyOut("two-origin-writes-two-chunks", new Geometry(rnd), 4));
        out.add(removeSnapshotAgainstOriginWrite(new Geometry(rnd)));
        out.add(handoverAfterOriginReload(new Geometry(rnd)));
        out.add(mergeAgainstHandover(new Geometry(rnd)));
        out.add(ioDuringMerge("origin-write-during-merge", new Geometry(rnd), true));
        out.add(ioDuringMerge("origin-read-during-merge", new Geometry(rnd), false));
        out.add(activationBetweenPasses(new Geometry(rnd)));
        return out;
    }

    /** Sizes drawn per scenario: chunk, chunks of the origin, store type, the chunk raced on. */
    record Geometry(long chunk, int chunks, String store, int k) {
        Geometry(SplittableRandom rnd) {
            this(new long[] {4, 8, 16}[rnd.nextInt(3)], 4 + rnd.nextInt(5),
                    new String[] {"P", "P", "PO", "N"}[rnd.nextInt(4)], rnd.nextInt(4));
        }

        long origin() {
            return chunk * chunks;
        }

        long cow() {
            return chunk * (chunks * 2L + 4);
        }

        long at(int c) {
            return chunk * (c % chunks);
        }

        /** This geometry with a store a merge can take: a transient draw becomes a persistent one. */
        Geometry mergeable() {
            return store.equals("N") ? new Geometry(chunk, chunks, "P", k) : this;
        }

        /** Another chunk than {@link #k}. */
        int second() {
            return (k + 1) % chunks;
        }

        String snapshot() {
            return "0 " + origin() + " snapshot /dev/disk/origin /dev/disk/cow " + store + " " + chunk;
        }

        /** Disks, the origin device with PRE data, snapshot src. */
        String base() {
            return "# race: setup\n"
                    + "disk origin " + origin() + "\n"
                    + "disk cow " + cow() + "\n"
                    + "dmsetup create origin --table '0 " + origin() + " snapshot-origin /dev/disk/origin'\n"
                    + "write /dev/mapper/origin 0 " + origin() + " PRE\n"
                    + "dmsetup create src --table '" + snapshot() + "'\n";
        }

        /** The handover destination, loaded and paired with src. */
        String dest() {
            return "dmsetup create dest --notable\n"
                    + "dmsetup load dest --table '" + snapshot() + "'\n";
        }
    }

    private static final String HANDOVER = "# race: thread\ndmsetup suspend src\ndmsetup resume dest\ndmsetup resume src\n";

    private static RaceScenario handover(String name, Geometry g, boolean read, boolean twoWriters) {
        String t = g.base()
                + "write /dev/mapper/origin " + g.at(g.second()) + " " + g.chunk() + " OLD\n"
                + g.dest()
                + (read ? "# race: thread\nread /dev/mapper/src " + g.at(g.second()) + " " + 2 * g.chunk() + "\n"
                        : "# race: thread\nwrite /dev/mapper/origin " + g.at(g.k()) + " " + g.chunk() + " NEW\n")
                + (twoWriters ? "# race: thread\nwrite /dev/mapper/origin " + g.at(g.k() + 2) + " " + g.chunk() / 2
                        + " NEW2\n" : "")
                + HANDOVER
                + "# race: check\n"
                + "read /dev/mapper/dest 0 " + g.origin() + "\n"
                + "dmsetup status dest\n"
                + "dmsetup status src\n"
                + "read /dev/mapper/src 0 " + g.chunk() + "\n"
                + "read /dev/mapper/origin 0 " + g.origin() + "\n";
        return parse(name, t);
    }

    private static RaceScenario handoverSnapshotWrite(Geometry g) {
        String t = g.base() + g.dest()
                + "# race: thread\nwrite /dev/mapper/src " + g.at(g.k()) + " " + Math.max(1, g.chunk() / 2) + " SNAP\n"
                + HANDOVER
                + "# race: check\nread /dev/mapper/dest 0 " + g.origin() + "\ndmsetup status dest\n";
        return parse("handover-snapshot-write", t);
    }

    private static RaceScenario removeSourceAgainstHandover(Geometry g) {
        String t = g.base()
                + "write /dev/mapper/origin " + g.at(g.k()) + " " + g.chunk() + " OLD\n"
                + g.dest()
                + "dmsetup suspend src\n"
                + "# race: thread\ndmsetup remove src\n"
                + "# race: thread\ndmsetup resume dest\n"
                + "# race: check\ndmsetup status dest\nread /dev/mapper/dest 0 " + g.origin() + "\ndmsetup info src\n";
        return parse("remove-source-against-handover", t);
    }

    private static RaceScenario twoLoads(Geometry g) {
        String t = g.base()
                + "dmsetup create a --notable\ndmsetup create b --notable\n"
                + "# race: thread\ndmsetup load a --table '" + g.snapshot() + "'\n"
                + "# race: thread\ndmsetup load b --table '" + g.snapshot() + "'\n"
                + "# race: check\ndmsetup table --inactive a\ndmsetup table --inactive b\n"
                + "dmsetup suspend src\ndmsetup resume a\ndmsetup resume b\ndmsetup status a\ndmsetup status b\n";
        return parse("two-loads-one-cow", t);
    }

    /** Removing a snapshot (after its status) while an origin write's exception on it is pending. */
    private static RaceScenario removeSnapshotAgainstOriginWrite(Geometry g) {
        String t = g.base()
                + "# race: thread\nwrite /dev/mapper/origin " + g.at(g.k()) + " " + g.chunk() + " NEW\n"
                + "# race: thread\ndmsetup status src\ndmsetup table src\ndmsetup remove src\n"
                + "# race: check\nread /dev/mapper/origin 0 " + g.origin() + "\ndmsetup info src\n";
        return parse("remove-snapshot-against-origin-write", t);
    }

    /** The handover race after the origin's table was reloaded (a second snapshot-origin target came and went). */
    private static RaceScenario handoverAfterOriginReload(Geometry g) {
        String t = g.base()
                + "dmsetup load origin --table '0 " + g.origin() + " snapshot-origin /dev/disk/origin'\n"
                + "dmsetup resume origin\n"
                + g.dest()
                + "# race: thread\nwrite /dev/mapper/origin " + g.at(g.k()) + " " + g.chunk() + " NEW\n"
                + HANDOVER
                + "# race: check\nread /dev/mapper/dest 0 " + g.origin() + "\ndmsetup status dest\n";
        return parse("handover-after-origin-reload", t);
    }

    /**
     * The merge racing a handover of another snapshot of its origin (kernel fix 09ee96b21456;
     * jcstress {@code MergeHandoverRace}), in LVM's {@code lvconvert --merge} shape: snapshot src
     * (on cow) was taken, two chunks of the origin were overwritten, snapshot other (on cow2) was
     * taken; a {@code snapshot-merge} table on src's cow is loaded into the origin's device and src
     * is suspended; other's table is loaded again into {@code dest} and other is suspended. One
     * thread resumes the origin (src's store is handed to the merge table, the merge starts and the
     * resume returns once it is done), the other resumes dest (other's store is handed over while
     * the merge copies chunks out to it). The check reads dest, whose view must not change, and
     * writes the origin through the finished merge table.
     */
    private static RaceScenario mergeAgainstHandover(Geometry drawn) {
        Geometry g = drawn.mergeable();
        String other = "0 " + g.origin() + " snapshot /dev/disk/origin /dev/disk/cow2 " + g.store() + " " + g.chunk();
        String t = g.base()
                + "disk cow2 " + g.cow() + "\n"
                + "write /dev/mapper/origin " + g.at(g.k()) + " " + g.chunk() + " NEW\n"
                + "write /dev/mapper/origin " + g.at(g.second()) + " " + g.chunk() + " NEW2\n"
                + "dmsetup create other --table '" + other + "'\n"
                + "dmsetup load origin --table '0 " + g.origin() + " snapshot-merge /dev/disk/origin /dev/disk/cow "
                + g.store() + " " + g.chunk() + "'\n"
                + "dmsetup suspend src\n"
                + "dmsetup create dest --notable\n"
                + "dmsetup load dest --table '" + other + "'\n"
                + "dmsetup suspend other\n"
                + "# race: thread\ndmsetup resume origin\n"
                + "# race: thread\ndmsetup resume dest\n"
                + "# race: check\n"
                + "read /dev/mapper/dest 0 " + g.origin() + "\n"
                + "dmsetup status dest\n"
                + "dmsetup status origin\n"
                + "read /dev/mapper/origin 0 " + g.origin() + "\n"
                + "write /dev/mapper/origin " + g.at(g.k()) + " " + g.chunk() + " LATER\n"
                + "read /dev/mapper/dest 0 " + g.origin() + "\n"
                + "dmsetup status dest\n";
        return parse("merge-against-handover", t);
    }

    /**
     * Origin I/O against the start of a merge, in LVM's {@code lvconvert --merge} shape of a live
     * origin: snapshot src has exceptions for chunks k and k+1 (the origin holds NEW there), a
     * {@code snapshot-merge} table on src's cow is loaded into the origin's device, src and the
     * origin's device are suspended. One thread resumes the origin (swap, merge; the resume
     * returns once the merge is done), the other writes chunk k+1 (or reads chunks k and k+1) of the
     * origin, which waits for the resume: so the I/O comes after the swap in every valid order and
     * meets the merge wherever it is. A write (k+1 is the last chunk of the run the merge
     * takes first) goes through the merge target (to the cow while the chunk is not merged, queued
     * while its run is being merged, to the origin after) and is kept: a write that lands in the
     * cow after the merge copied the chunk is lost, which no order allows. A read sees
     * the snapshot's data whatever the merge has done. The check overwrites the
     * merged chunks' old cow data (free space after the merge, where a write remapped to the cow
     * before its chunk merged leaves data no sequential order leaves), then reads the origin and
     * its status.
     */
    private static RaceScenario ioDuringMerge(String name, Geometry drawn, boolean write) {
        Geometry g = drawn.mergeable();
        String t = g.base()
                + "write /dev/mapper/origin " + g.at(g.k()) + " " + g.chunk() + " NEW\n"
                + "write /dev/mapper/origin " + g.at(g.second()) + " " + g.chunk() + " NEW2\n"
                + "dmsetup load origin --table '0 " + g.origin() + " snapshot-merge /dev/disk/origin /dev/disk/cow "
                + g.store() + " " + g.chunk() + "'\n"
                + "dmsetup suspend src\n"
                + "dmsetup suspend origin\n"
                + "# race: thread\ndmsetup resume origin\n"
                + (write ? "# race: thread\nwrite /dev/mapper/origin " + g.at(g.second()) + " " + g.chunk() + " LIVE\n"
                        : "# race: thread\nread /dev/mapper/origin " + g.at(g.k()) + " " + g.chunk() + "\n"
                        + "read /dev/mapper/origin " + g.at(g.second()) + " " + g.chunk() + "\n")
                + "# race: check\n"
                // the merged chunks' old cow data (cow chunks 2 and 3) is free space; a write that
                // reached the cow before its chunk merged left LIVE there, which no order does
                + "write /dev/disk/cow " + 2 * g.chunk() + " " + 2 * g.chunk() + " FREED\n"
                + "read /dev/mapper/origin 0 " + g.origin() + "\n"
                + "dmsetup status origin\n"
                + "dmsetup table origin\n";
        return parse(name, t);
    }

    /**
     * A snapshot activated between an origin write's two passes over the snapshots
     * (retry_origin_bios): two {@code snapshot-origin} devices on one disk, {@code origin} (found
     * first, so the one snapshot_resume holds off) and {@code ob}; snapshot src is active, s2 is
     * loaded. One thread writes chunk k through {@code ob}: its first pass skips the inactive s2
     * and waits for src's copy-out. The other resumes s2 (holding off {@code origin} only, so the write
     * stays in flight) and reads chunk k of s2. When the resume lands between the write's passes,
     * the second pass must copy the chunk out to s2 too: a read that saw the old data before the
     * write reached the disk and a later read that sees the new data fit no sequential order.
     */
    private static RaceScenario activationBetweenPasses(Geometry g) {
        String table = "0 " + g.origin() + " snapshot /dev/disk/origin /dev/disk/cow2 " + g.store() + " " + g.chunk();
        String t = g.base()
                + "disk cow2 " + g.cow() + "\n"
                + "dmsetup create ob --table '0 " + g.origin() + " snapshot-origin /dev/disk/origin'\n"
                + "dmsetup create s2 --notable\n"
                + "dmsetup load s2 --table '" + table + "'\n"
                + "# race: thread\nwrite /dev/mapper/ob " + g.at(g.k()) + " " + g.chunk() + " NEW\n"
                + "# race: thread\ndmsetup resume s2\nread /dev/mapper/s2 " + g.at(g.k()) + " " + g.chunk() + "\n"
                + "# race: check\n"
                + "read /dev/mapper/s2 0 " + g.origin() + "\n"
                + "read /dev/mapper/src 0 " + g.origin() + "\n"
                + "dmsetup status s2\n"
                + "dmsetup status src\n";
        return parse("activation-between-passes", t);
    }

    /** The copy-out races of one snapshot; {@code kind} picks the second thread. */
    private static RaceScenario copyOut(String name, Geometry g, int kind) {
        long half = Math.max(1, g.chunk() / 2);
        String first = "# race: thread\nwrite /dev/mapper/origin " + g.at(g.k()) + " " + half + " ONE\n";
        String second = switch (kind) {
            case 0 -> "# race: thread\nwrite /dev/mapper/origin " + (g.at(g.k()) + half) + " " + half + " TWO\n";
            case 1 -> "# race: thread\nwrite /dev/mapper/src " + g.at(g.k()) + " " + half + " SNAP\n";
            case 2 -> "# race: thread\ndmsetup suspend origin\ndmsetup resume origin\n";
            case 4 -> "# race: thread\nwrite /dev/mapper/origin " + g.at(g.second()) + " " + half + " TWO\n";
            default -> "# race: thread\nread /dev/mapper/src " + g.at(g.k()) + " " + g.chunk() + "\n";
        };
        String t = g.base() + first + second
                + "# race: check\nwrite /dev/mapper/origin " + g.at(g.k() + 2) + " " + half + " LATER\n"
                + "read /dev/mapper/src 0 " + g.origin() + "\nread /dev/mapper/origin 0 " + g.origin()
                + "\ndmsetup status src\n";
        return parse(name, t);
    }

    private static RaceScenario parse(String name, String text) {
        try {
            return RaceText.parse(name, text).scenario();
        } catch (ScriptError e) {
            throw new IllegalStateException("race template " + name + ": " + e.getMessage(), e);
        }
    }
}
