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
    Race 4: destroying the source racing the destination's resume.

    World: snapshot "src" has a completed exception for chunk 0 (PRE in the cow, NEW on the
    origin); "dest" is loaded and paired; src is suspended, so "resume dest" would hand over.

        Actor 1: remove src          -> r1
        Actor 2: resume dest         -> r2
        Arbiter: dest's status (r3: valid or Invalid), dest's chunk 0 (r4), src's status (r5)

    Whoever gets the origins lock first decides (facts A5, A6). Resume first: the handover
    completes, dest is valid with src's exceptions (chunk 0 reads PRE); removing the handed-over
    src afterwards cancels nothing. Remove first: the destructor sees the pair and cancels the
    handover ("Cancelling snapshot handover.", dest invalid); dest then resumes without a
    handover, Invalid, and every read is EIO. Either way src is gone.

    Outcomes (r1, r2, r3, r4, r5):
      OK, OK, valid, PRE, GONE     ACCEPTABLE  the handover completed, then src was destroyed
      OK, OK, Invalid, EIO, GONE   ACCEPTABLE  src was destroyed first: handover cancelled
      OK, OK, valid, NEW, GONE     FORBIDDEN   dest valid without src's exceptions (both "won")
      OK, OK, valid, ZERO, GONE    FORBIDDEN   dest valid on an unread store
      OK, OK, Invalid, PRE, ..     FORBIDDEN   status and I/O disagree
      .., .., .., .., valid:N      FORBIDDEN   the source survived valid
      anything else                FORBIDDEN   an operation failed (e.g. resume EINVAL, dest left
                                               SUSPENDED) or a half-copied chunk

    How to run:  stress/run-stress.sh -t DestroySourceHandoverRace
 */

/** Race 4: remove of the source vs. resume of the destination; handover completes or is cancelled. */
@JCStressTest
@Description("Destroying the source racing the destination's resume: completed or cancelled handover, never both.")
@Outcome(id = "OK, OK, valid, PRE, GONE", expect = ACCEPTABLE,
        desc = "The handover completed before src was destroyed: dest valid, data intact.")
@Outcome(id = "OK, OK, Invalid, EIO, GONE", expect = ACCEPTABLE,
        desc = "src was destroyed first: the handover was cancelled, dest is invalid.")
@Outcome(expect = FORBIDDEN, desc = "Both valid, source valid, dest valid with wrong data, or an operation failed.")
@State
public class DestroySourceHandoverRace {
    private final World w = new World().originChunk0("PRE").snapshot("src").originChunk0("NEW")
            .handoverReady("src", "dest");

    /** Removes the (suspended) source. */
    @Actor
    public void removeSource(LLLLL_Result r) {
        r.r1 = World.op(() -> w.dm.remove("src"));
    }

    /** Resumes the destination. */
    @Actor
    public void resumeDest(LLLLL_Result r) {
        r.r2 = World.op(() -> w.dm.resume("dest"));
    }

    /** The destination's status and chunk 0, and what is left of the source. */
    @Arbiter
    public void arbiter(LLLLL_Result r) {
        String dest = w.snapshotState("dest");
        r.r3 = dest.startsWith("valid:") ? "valid" : dest;
        r.r4 = w.readChunk0IfActive("dest");
        r.r5 = w.snapshotState("src");
    }
}
