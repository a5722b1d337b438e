package dev.snapref.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLLLL_Result;

/*
    Race 6: an origin write racing a snapshot write to the same chunk.

    World: origin chunk 0 holds PRE; snapshot "snap" is active, no exception yet.

        Actor 1: write ORIG over chunk 0 (sectors 0-7) of /dev/mapper/origin   -> r1
        Actor 2: write SNAP over sectors 0-3 (half of chunk 0) of /dev/mapper/snap -> r2
        Arbiter: snap's chunk 0 (r3), the origin's chunk 0 (r4), snap's exception count (r5)

    Whichever write comes first creates the one exception for chunk 0 and copies the pre-image
    into it. Origin first: the copy holds PRE, then the snapshot write lands on top of it in
    the cow. Snapshot first: the copy holds PRE, the snapshot write is applied after the copy
    (it was queued on the pending exception), and the origin write finds a completed
    exception, so it copies nothing more. The snapshot write covers half the chunk so that the
    copy really is needed and its order against the write shows.

    Outcomes (r1, r2, r3, r4, r5):
      OK, OK, SNAP+PRE, ORIG, 1   ACCEPTABLE  either order: the snapshot has its own write over
                                              the pre-image, the origin its own write
      .., .., PRE, ..             FORBIDDEN   the copy overwrote the snapshot's write (lost write)
      .., .., SNAP+ORIG, ..       FORBIDDEN   the copy read the origin after the origin write
      .., .., ZERO.., ..          FORBIDDEN   snapshot write applied without the copy
      .., .., .., SNAP.., ..      FORBIDDEN   the snapshot write reached the origin
      .., .., .., .., 2           FORBIDDEN   two exceptions for one chunk
      anything else               FORBIDDEN

    How to run:  stress/run-stress.sh -t OriginSnapshotWriteRace
 */

/** Race 6: origin write vs. snapshot write to one chunk; each device keeps its own write. */
@JCStressTest
@Description("An origin write racing a snapshot write to the same chunk: one exception, each device keeps its write.")
@Outcome(id = "OK, OK, SNAP\\+PRE, ORIG, 1", expect = ACCEPTABLE,
        desc = "Either order: snapshot = its write over the pre-image, origin = its write, one exception.")
@Outcome(expect = FORBIDDEN, desc = "A lost write, a copy of the wrong data, a leak between devices, or two exceptions.")
@State
public class OriginSnapshotWriteRace {
    private final World w = new World().originChunk0("PRE").snapshot("snap");
    private final int allocatedBefore = w.allocated("snap");

    /** Writes ORIG over chunk 0 of the origin. */
    @Actor
    public void originWrite(LLLLL_Result r) {
        r.r1 = w.write(World.ORIGIN, 0, World.CHUNK, "ORIG");
    }

    /** Writes SNAP over the first half of chunk 0 of the snapshot. */
    @Actor
    public void snapshotWrite(LLLLL_Result r) {
        r.r2 = w.write(World.mapper("snap"), 0, World.CHUNK / 2, "SNAP");
    }

    /** Both devices' chunk 0 and the snapshot's exception count. */
    @Arbiter
    public void arbiter(LLLLL_Result r) {
        r.r3 = w.readChunk0(World.mapper("snap"));
        r.r4 = w.readChunk0(World.ORIGIN);
        r.r5 = String.valueOf(w.exceptions("snap", allocatedBefore));
    }
}
