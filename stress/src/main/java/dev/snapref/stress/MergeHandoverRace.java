package dev.snapref.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;

/*
    Merge race 2: the background merge racing a handover of another snapshot of the origin
    (09ee96b21456 "dm snapshot: suspend merging snapshot when doing exception handover").

    World (MergeWorld), plus: s2's table loaded again into a new device "s2b" (it pairs as the
    handover destination of s2) and s2 suspended. No snapshot-origin runs on the origin once the
    merge table is live, so the handover must hold the merging device's I/O off and stop the merge
    while the store moves from s2 to s2b.

        Actor 1: resume origin (handover to the merge table, merge starts)       -> r1
        Actor 2: resume s2b (handover of s2's store to s2b)                      -> r2
        Arbiter: wait for the merge, then read s2b's chunks 0-3                  -> r3

    The merge copies chunks 0 and 1 out to s2's store before it overwrites them; whichever table
    holds that store then, the exceptions must end up in s2b: s2b reads NEW, NEW, PRE, PRE. With
    the merge left running during the handover (bug merge-io-not-held), a copy-out pending on s2
    completes into the table s2 no longer owns, and s2b reads the merged PRE for that chunk.

    Outcomes (r1, r2, r3):
      OK, OK, NEW+PRE   ACCEPTABLE
      anything else     FORBIDDEN

    How to run:  stress/run-stress.sh -t MergeHandoverRace
 */

/** Merge race 2: the background merge vs a handover of another snapshot of the origin. */
@JCStressTest
@Description("The merge racing a handover of another snapshot: the destination keeps the copied-out chunks.")
@Outcome(id = "OK, OK, NEW+PRE", expect = ACCEPTABLE, desc = "The handover destination kept the other snapshot's view.")
@Outcome(expect = FORBIDDEN, desc = "The destination lost a chunk copied out by the merge, or an operation failed.")
@State
public class MergeHandoverRace {
    private final MergeWorld w = new MergeWorld();

    public MergeHandoverRace() {
        String ok = MergeWorld.op(() -> {
            w.dm.createNoTable("s2b");
            w.dm.load("s2b", MergeWorld.snapshotTable("snapshot", "cow2"));
            w.dm.suspend("s2");
        });
        if (!ok.equals("OK")) {
            throw new IllegalStateException("set-up failed: " + ok);
        }
    }

    @Actor
    public void resumeOrigin(LLL_Result r) {
        r.r1 = MergeWorld.op(() -> w.dm.resume("origin"));
    }

    @Actor
    public void resumeDestination(LLL_Result r) {
        r.r2 = MergeWorld.op(() -> w.dm.resume("s2b"));
    }

    @Arbiter
    public void arbiter(LLL_Result r) {
        String merged = w.awaitMerge();
        r.r3 = merged.equals("MERGED") ? w.read("/dev/mapper/s2b", 0, 4 * MergeWorld.CHUNK) : "merge:" + merged;
    }
}
