package dev.snapref.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLLLL_Result;

/*
    Race 5: two origin writes to the same chunk.

    World: origin chunk 0 holds PRE; snapshot "snap" is active, no exception yet.

        Actor 1: write ONE over chunk 0 of /dev/mapper/origin   -> r1
        Actor 2: write TWO over chunk 0 of /dev/mapper/origin   -> r2
        Arbiter: snap's chunk 0 (r3), the number of exceptions snap's store allocated (r4, from
                 its status), the origin's chunk 0 (r5)

    Both writes need chunk 0 copied out first. The first to look the chunk up creates the
    pending exception and starts the one copy; the second finds that pending exception (or the
    completed one) and waits on it, it does not allocate a second one (facts B4). Both writes
    are held until the copy is committed, so neither can reach the origin before the pre-image
    is safe in the cow.

    Outcomes (r1, r2, r3, r4, r5):
      OK, OK, PRE, 1, ONE        ACCEPTABLE   one exception holding the pre-image; TWO then ONE
      OK, OK, PRE, 1, TWO        ACCEPTABLE   ... ONE then TWO
      OK, OK, PRE, 1, ONE+TWO..  INTERESTING  the two writes interleaved sector by sector on the
                                              origin: the block layer does not order overlapping
                                              concurrent writes, so this is allowed
      OK, OK, ONE.., 1, ..       FORBIDDEN    the copy ran after a write reached the origin (or a
                                              second copy overwrote the first): pre-image lost
      OK, OK, PRE, 2, ..         FORBIDDEN    two exceptions (two copies) for one chunk
      anything else              FORBIDDEN    zeros or a mix in the snapshot, a failed write

    How to run:  stress/run-stress.sh -t TwoOriginWritesRace
 */

/** Race 5: two origin writes to one chunk; one exception, one copy, the pre-image preserved. */
@JCStressTest
@Description("Two origin writes to the same chunk: exactly one exception, the pre-image preserved.")
@Outcome(id = "OK, OK, PRE, 1, (ONE|TWO)", expect = ACCEPTABLE,
        desc = "One exception with the pre-image; the origin holds the last write.")
@Outcome(id = "OK, OK, PRE, 1, (ONE|TWO)(\\+(ONE|TWO))+", expect = ACCEPTABLE_INTERESTING,
        desc = "One exception with the pre-image; the overlapping origin writes interleaved per sector.")
@Outcome(expect = FORBIDDEN, desc = "Pre-image lost, two exceptions, or a write failed.")
@State
public class TwoOriginWritesRace {
    private final World w = new World().originChunk0("PRE").snapshot("snap");
    private final int allocatedBefore = w.allocated("snap");

    /** Writes ONE over chunk 0 of the origin. */
    @Actor
    public void writeOne(LLLLL_Result r) {
        r.r1 = w.write(World.ORIGIN, 0, World.CHUNK, "ONE");
    }

    /** Writes TWO over chunk 0 of the origin. */
    @Actor
    public void writeTwo(LLLLL_Result r) {
        r.r2 = w.write(World.ORIGIN, 0, World.CHUNK, "TWO");
    }

    /** The snapshot's chunk 0 and exception count, and the origin's chunk 0. */
    @Arbiter
    public void arbiter(LLLLL_Result r) {
        r.r3 = w.readChunk0(World.mapper("snap"));
        r.r4 = String.valueOf(w.exceptions("snap", allocatedBefore));
        r.r5 = w.readChunk0(World.ORIGIN);
    }
}
