package dev.snapref.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLLL_Result;

/*
    Race 1: origin writes racing the destination's resume (the handover).

    World: origin chunks 0-3 hold PRE; snapshot "src" is active on the cow (no exceptions yet);
    "dest" has the same snapshot table loaded (it paired as the handover destination); "src" is
    suspended. So the next "resume dest" performs the handover.

        Actor 1: write NEW over chunk 0, then chunk 1, 2 and 3 of /dev/mapper/origin (four
                 writes: four copy-outs, so the handover is more likely to fall inside one)  -> r1
        Actor 2: resume dest (handover), then read chunks 0-3 of /dev/mapper/dest            -> r2
        Arbiter: read chunks 0-3 of dest (r3) and of the origin (r4)

    Each origin write copies its chunk out for every valid, active snapshot before it writes. It
    lands either before the handover (the exception goes into src's store, and the handover
    hands that store to dest) or after it (dest is then the active snapshot and gets the
    exception itself). Either way dest must hold PRE for every chunk. The kernel bug this race
    re-creates (facts E1, fixed by "dm snapshot: suspend origin when doing exception handover"):
    an exception still pending on src when the tables move is completed into src's new (empty)
    table instead of dest's, so dest reads that chunk from the origin: NEW.

    Outcomes (r1, r2, r3, r4):
      OK, PRE, PRE, NEW   ACCEPTABLE  every write before or after the handover: dest keeps the
                                      pre-image of all four chunks
      OK, PRE+NEW.., ..   FORBIDDEN   dest lost the exception of a chunk whose copy was pending at
                                      the handover: the new data leaked into the snapshot
      ZERO, EIO, ...      FORBIDDEN   dest reads a cow chunk never copied; the handover invalidated
                                      dest; a resume error ("resume:EINVAL"); anything else

    How to run:  stress/run-stress.sh -t HandoverOriginWriteRace
 */

/** Race 1: origin writes vs. the handover; the destination must keep the chunks' pre-image. */
@JCStressTest
@Description("Origin writes racing the handover (resume of the destination): dest keeps the pre-image.")
@Outcome(id = "OK, PRE, PRE, NEW", expect = ACCEPTABLE,
        desc = "Each write landed before or after the handover; dest holds the pre-image, the origin the new data.")
@Outcome(expect = FORBIDDEN, desc = "dest shows new data, zeros, a mix or EIO, or an operation failed.")
@State
public class HandoverOriginWriteRace {
    static final int CHUNKS = 4;

    private final World w = new World().originChunks("PRE", CHUNKS).snapshot("src").handoverReady("src", "dest");

    /** Writes new data over chunks 0-3 of the origin, one chunk per write. */
    @Actor
    public void originWrite(LLLL_Result r) {
        String result = "OK";
        for (int c = 0; c < CHUNKS; c++) {
            String one = w.write(World.ORIGIN, (long) c * World.CHUNK, World.CHUNK, "NEW");
            if (!one.equals("OK")) {
                result = "chunk" + c + ":" + one;
            }
        }
        r.r1 = result;
    }

    /** Resumes the destination (the handover), then reads its chunks 0-3. */
    @Actor
    public void resumeDest(LLLL_Result r) {
        String resumed = World.op(() -> w.dm.resume("dest"));
        r.r2 = resumed.equals("OK") ? w.read(World.mapper("dest"), 0, CHUNKS * World.CHUNK) : "resume:" + resumed;
    }

    /** Chunks 0-3 of dest and of the origin once both actors are done. */
    @Arbiter
    public void arbiter(LLLL_Result r) {
        try {
            r.r3 = w.dm.info("dest").suspended() ? "SUSPENDED" : w.read(World.mapper("dest"), 0, CHUNKS * World.CHUNK);
        } catch (dev.snapref.engine.kernel.DmException e) {
            r.r3 = e.errno().name();
        }
        r.r4 = w.read(World.ORIGIN, 0, CHUNKS * World.CHUNK);
    }
}
