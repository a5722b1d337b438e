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
    Merge race 1: a write through the merging device racing the background merge.

    World (MergeWorld): the resume of "origin" hands s1's store to the snapshot-merge table and
    starts merging chunks 0 and 1 (PRE) back into the origin; s2 shows NEW, NEW, PRE, PRE.

        Actor 1: resume origin (handover, merge starts in the background)        -> r1
        Actor 2: write W over chunk 0 of /dev/mapper/origin (waits while the
                 device is suspended by the resume)                               -> r2
        Arbiter: wait for the merge, then read the origin's chunks 0-3 (r3) and s2's (r4)

    The write lands before the resume (through the snapshot-origin: s2 copies chunk 0 out, and the
    merge then puts s1's PRE back: the origin ends PRE), or after it: before chunk 0 is merged (it
    goes to the cow chunk, which the merge then copies), while chunk 0 is being merged (it waits for
    the run's commit, then goes to the origin), or after (to the origin, copying out to s2 first,
    which already holds chunk 0): the origin ends W, PRE, PRE, PRE. Every way s2 keeps NEW, NEW,
    PRE, PRE: the merge copies chunks 0 and 1 out to s2 before it overwrites them (bug
    merge-skips-other-snapshots: s2 shows PRE), and no write to a chunk being merged is lost.

    Outcomes (r1, r2, r3, r4):
      OK, OK, PRE, NEW+PRE          ACCEPTABLE  the write before the resume, undone by the merge
      OK, OK, W+PRE, NEW+PRE        ACCEPTABLE  the write after the resume
      anything else                 FORBIDDEN  (s2 changed, the write lost or torn, an error)

    How to run:  stress/run-stress.sh -t MergeOriginWriteRace
 */

/** Merge race 1: a write through the merging device vs the background merge; nothing is lost. */
@JCStressTest
@Description("A write through the merging device racing the background merge: the origin ends with it, s2 keeps its view.")
@Outcome(id = "OK, OK, PRE, NEW+PRE", expect = ACCEPTABLE,
        desc = "The write landed before the resume; the merge put the snapshot's data back; s2 kept its view.")
@Outcome(id = "OK, OK, W+PRE, NEW+PRE", expect = ACCEPTABLE,
        desc = "The write landed before, during or after its chunk's merge; the other snapshot kept its view.")
@Outcome(expect = FORBIDDEN, desc = "The write was lost or torn, the other snapshot's view changed, or an error.")
@State
public class MergeOriginWriteRace {
    private final MergeWorld w = new MergeWorld();

    @Actor
    public void resumeOrigin(LLLL_Result r) {
        r.r1 = MergeWorld.op(() -> w.dm.resume("origin"));
    }

    @Actor
    public void writeChunk0(LLLL_Result r) {
        r.r2 = MergeWorld.op(() -> w.dm.write(MergeWorld.ORIGIN, 0, Sectors.pattern("W", 0, MergeWorld.CHUNK)));
    }

    @Arbiter
    public void arbiter(LLLL_Result r) {
        String merged = w.awaitMerge();
        if (!merged.equals("MERGED")) {
            r.r3 = "merge:" + merged;
            r.r4 = "-";
            return;
        }
        r.r3 = w.read(MergeWorld.ORIGIN, 0, 4 * MergeWorld.CHUNK);
        r.r4 = w.read("/dev/mapper/s2", 0, 4 * MergeWorld.CHUNK);
    }
}
