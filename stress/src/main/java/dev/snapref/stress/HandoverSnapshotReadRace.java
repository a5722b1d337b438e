package dev.snapref.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

/*
    Race 2: a read of the source snapshot racing the handover.

    World: origin chunk 0 held PRE when snapshot "src" was created, then NEW was written to the
    origin, so src has a completed exception for chunk 0 (PRE in the cow); "dest" is loaded and
    paired as the handover destination; src is NOT suspended yet.

        Actor 1: read chunk 0 of /dev/mapper/src                                   -> r1
        Actor 2: suspend src; resume dest (handover); resume src; read chunk 0 of dest -> r2

    A read of src that arrives while src is suspended blocks until src is resumed again; by then
    the handover has happened and src answers every I/O with EIO (facts A5/A7). Actor 2 always
    resumes src at the end (after removing dest if its resume failed) so the blocked read
    returns and the test never hangs.

    Outcomes (r1, r2):
      PRE, PRE       ACCEPTABLE  the read was served before src was suspended: the pre-image
      EIO, PRE       ACCEPTABLE  the read was held by the suspend and failed after the handover
      NEW, ...       FORBIDDEN   src looked chunk 0 up in a table that no longer had the exception
                                 (tables moved before src was invalidated) and read the origin
      ZERO, ...      FORBIDDEN   src read the cow through the store it got in the swap
      anything else  FORBIDDEN   a mix (half a chunk), dest lost the pre-image, an operation failed

    How to run:  stress/run-stress.sh -t HandoverSnapshotReadRace
 */

/** Race 2: snapshot read vs. the handover; the pre-image or EIO, never new data or zeros. */
@JCStressTest
@Description("A read of the source snapshot racing the handover: the pre-image or EIO.")
@Outcome(id = "PRE, PRE", expect = ACCEPTABLE, desc = "Read served before the suspend: the pre-image.")
@Outcome(id = "EIO, PRE", expect = ACCEPTABLE, desc = "Read held by the suspend, answered EIO after the handover.")
@Outcome(expect = FORBIDDEN, desc = "New data, zeros or a mix from src, or dest lost the pre-image.")
@State
public class HandoverSnapshotReadRace {
    private final World w = new World().originChunk0("PRE").snapshot("src").originChunk0("NEW").prepareDest("dest");

    /** Reads chunk 0 of the source snapshot (may block while src is suspended). */
    @Actor
    public void readSource(LL_Result r) {
        r.r1 = w.readChunk0(World.mapper("src"));
    }

    /** The handover: suspend src, resume dest, then resume src so that held I/O is released. */
    @Actor
    public void handover(LL_Result r) {
        String suspended = World.op(() -> w.dm.suspend("src"));
        String resumed = World.op(() -> w.dm.resume("dest"));
        if (!resumed.equals("OK")) {
            World.op(() -> w.dm.remove("dest"));
        }
        String srcResumed = World.op(() -> w.dm.resume("src"));
        if (!suspended.equals("OK") || !resumed.equals("OK") || !srcResumed.equals("OK")) {
            r.r2 = "suspend:" + suspended + "/resume-dest:" + resumed + "/resume-src:" + srcResumed;
        } else {
            r.r2 = w.readChunk0(World.mapper("dest"));
        }
    }
}
