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
    Race 1: an origin write racing the destination's resume (the handover).

    World: origin chunk 0 holds PRE; snapshot "src" is active on the cow (no exception yet for
    chunk 0); "dest" has the same snapshot table loaded (it paired as the handover destination);
    "src" is suspended. So the next "resume dest" performs the handover.

        Actor 1: write NEW over chunk 0 of /dev/mapper/origin                  -> r1
        Actor 2: resume dest (handover), then read chunk 0 of /dev/mapper/dest -> r2
        Arbiter: read chunk 0 of dest (r3) and of the origin (r4)

    The origin write copies chunk 0 out for every valid, active snapshot before it writes. It
    lands either before the handover (the exception goes into src's store, and the handover
    hands that store to dest) or after it (dest is then the active snapshot and gets the
    exception itself). Either way dest must hold PRE for chunk 0. The kernel bug this race
    re-creates (facts E1, fixed by "dm snapshot: suspend origin when doing exception handover"):
    an exception still pending on src when the store moves is completed against the wrong
    snapshot, and dest then reads chunk 0 from the origin: NEW.

    Outcomes (r1, r2, r3, r4):
      OK, PRE, PRE, NEW   ACCEPTABLE  write before or after the handover: dest keeps the pre-image
      anything else       FORBIDDEN   e.g. "OK, NEW, NEW, NEW": dest lost the exception (the new
                                      data leaked into the snapshot); "ZERO": dest reads a cow chunk
                                      never copied; "EIO": the handover invalidated dest; a resume
                                      error ("resume:EINVAL") or a half-copied chunk ("PRE+NEW").

    How to run:  stress/run-stress.sh -t HandoverOriginWriteRace
 */

/** Race 1: origin write vs. the handover; the destination must keep the chunk's pre-image. */
@JCStressTest
@Description("An origin write racing the handover (resume of the destination): dest keeps the pre-image.")
@Outcome(id = "OK, PRE, PRE, NEW", expect = ACCEPTABLE,
        desc = "The write landed before or after the handover; dest holds the pre-image, the origin the new data.")
@Outcome(expect = FORBIDDEN, desc = "dest shows new data, zeros, a mix or EIO, or an operation failed.")
@State
public class HandoverOriginWriteRace {
    private final World w = new World().originChunk0("PRE").snapshot("src").handoverReady("src", "dest");

    /** Writes new data over chunk 0 of the origin. */
    @Actor
    public void originWrite(LLLL_Result r) {
        r.r1 = w.write(World.ORIGIN, 0, World.CHUNK, "NEW");
    }

    /** Resumes the destination (the handover), then reads its chunk 0. */
    @Actor
    public void resumeDest(LLLL_Result r) {
        String resumed = World.op(() -> w.dm.resume("dest"));
        r.r2 = resumed.equals("OK") ? w.readChunk0(World.mapper("dest")) : "resume:" + resumed;
    }

    /** Chunk 0 of dest and of the origin once both actors are done. */
    @Arbiter
    public void arbiter(LLLL_Result r) {
        r.r3 = w.readChunk0IfActive("dest");
        r.r4 = w.readChunk0(World.ORIGIN);
    }
}
