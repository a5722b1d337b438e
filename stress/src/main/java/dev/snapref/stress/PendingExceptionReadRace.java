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
    Race 8: a snapshot read of a chunk while its exception is pending.

    World: origin chunk 0 holds PRE; snapshot "snap" is active, no exception yet.

        Actor 1: write NEW over chunk 0 of /dev/mapper/origin   -> r1
        Actor 2: read chunk 0 of /dev/mapper/snap               -> r2
        Arbiter: read chunk 0 of /dev/mapper/snap again         -> r3

    The origin write creates a pending exception for chunk 0, copies the chunk into the cow and
    commits it, and only then writes the origin. A snapshot read of the chunk meanwhile goes to
    the origin while the exception is pending (the origin still holds PRE, the write is held
    back), or to the cow once the exception is complete (the whole copy, PRE) (facts B3, B4).
    It must never see the cow chunk before the copy finished (zeros or half a chunk), nor the
    origin after the write.

    Outcomes (r1, r2, r3):
      OK, PRE, PRE   ACCEPTABLE  read before, during or after the copy: the pre-image
      OK, NEW.., ..  FORBIDDEN   the origin was written before the copy completed / the read
                                 went to the origin after the write
      OK, ZERO.., .. FORBIDDEN   the read was remapped to the cow before the copy landed
      OK, PRE+ZERO   FORBIDDEN   a half-copied chunk (the exception became visible mid-copy)
      anything else  FORBIDDEN

    How to run:  stress/run-stress.sh -t PendingExceptionReadRace
 */

/** Race 8: snapshot read while the chunk's exception is pending; never a half-copied chunk. */
@JCStressTest
@Description("A snapshot read of a chunk whose exception is pending: the whole pre-image, never a partial copy.")
@Outcome(id = "OK, PRE, PRE", expect = ACCEPTABLE, desc = "The read saw the pre-image (from the origin or the completed copy).")
@Outcome(expect = FORBIDDEN, desc = "Zeros, new data or a half-copied chunk.")
@State
public class PendingExceptionReadRace {
    private final World w = new World().originChunk0("PRE").snapshot("snap");

    /** Writes NEW over chunk 0 of the origin (triggers the copy-out). */
    @Actor
    public void originWrite(LLL_Result r) {
        r.r1 = w.write(World.ORIGIN, 0, World.CHUNK, "NEW");
    }

    /** Reads chunk 0 of the snapshot. */
    @Actor
    public void snapshotRead(LLL_Result r) {
        r.r2 = w.readChunk0(World.mapper("snap"));
    }

    /** Chunk 0 of the snapshot after both. */
    @Arbiter
    public void arbiter(LLL_Result r) {
        r.r3 = w.readChunk0(World.mapper("snap"));
    }
}
