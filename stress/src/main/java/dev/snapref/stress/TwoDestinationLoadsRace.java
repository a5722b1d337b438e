package dev.snapref.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.snapref.engine.DeviceInfo;
import dev.snapref.engine.kernel.DmException;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;

/*
    Race 3: two snapshot tables loaded at once on a cow that has one active snapshot.

    World: snapshot "src" is active on the cow with a completed exception for chunk 0 (PRE in the
    cow, NEW on the origin); devices "a" and "b" exist without tables.

        Actor 1: load the snapshot table into a   -> r1 (OK or the errno)
        Actor 2: load the snapshot table into b   -> r2
        Arbiter: checks that exactly the device whose load succeeded has an inactive table, then
                 completes the handover to it (suspend src, resume it) and reads its chunk 0 -> r3

    The constructor's pairing check (facts A3) runs under the origins lock: the first load to
    take it finds src only and becomes the destination; the second finds src and a dest and
    fails with EINVAL ("Snapshot cow pairing for exception table handover failed"). At most
    two snapshot targets may reference one cow.

    Outcomes (r1, r2, r3):
      OK, EINVAL, PRE   ACCEPTABLE  a won the pairing; the handover to a keeps the pre-image
      EINVAL, OK, PRE   ACCEPTABLE  b won the pairing
      OK, OK, ...       FORBIDDEN   both paired: three tables on one cow (lost update of the pairing)
      EINVAL, EINVAL,.. FORBIDDEN   neither paired although one had to
      .., .., TABLES:.. FORBIDDEN   the inactive tables disagree with the load results
      anything else     FORBIDDEN   the winner's handover failed or lost the pre-image

    How to run:  stress/run-stress.sh -t TwoDestinationLoadsRace
 */

/** Race 3: two loads on a cow with an active snapshot; exactly one becomes the destination. */
@JCStressTest
@Description("Two snapshot tables loaded at once on a cow with one active snapshot: exactly one pairs.")
@Outcome(id = "OK, EINVAL, PRE", expect = ACCEPTABLE, desc = "a became the destination, b was refused.")
@Outcome(id = "EINVAL, OK, PRE", expect = ACCEPTABLE, desc = "b became the destination, a was refused.")
@Outcome(expect = FORBIDDEN, desc = "Both or neither paired, or the winner's handover went wrong.")
@State
public class TwoDestinationLoadsRace {
    private final World w = prepare();

    private static World prepare() {
        World w = new World().originChunk0("PRE").snapshot("src").originChunk0("NEW");
        if (!World.op(() -> {
            w.dm.createNoTable("a");
            w.dm.createNoTable("b");
        }).equals("OK")) {
            throw new IllegalStateException("set-up: cannot create a and b");
        }
        return w;
    }

    /** Loads the snapshot table into a. */
    @Actor
    public void loadA(LLL_Result r) {
        r.r1 = World.op(() -> w.dm.load("a", World.SNAPSHOT_TABLE));
    }

    /** Loads the snapshot table into b. */
    @Actor
    public void loadB(LLL_Result r) {
        r.r2 = World.op(() -> w.dm.load("b", World.SNAPSHOT_TABLE));
    }

    /** Checks the inactive tables, then hands over to the winner and reads its chunk 0. */
    @Arbiter
    public void arbiter(LLL_Result r) {
        boolean aOk = "OK".equals(r.r1);
        boolean bOk = "OK".equals(r.r2);
        try {
            DeviceInfo a = w.dm.info("a");
            DeviceInfo b = w.dm.info("b");
            if (a.inactive() != aOk || b.inactive() != bOk) {
                r.r3 = "TABLES:a=" + a.inactive() + ",b=" + b.inactive();
                return;
            }
        } catch (DmException e) {
            r.r3 = "info:" + e.errno().name();
            return;
        }
        if (aOk == bOk) {
            r.r3 = "-";
            return;
        }
        String winner = aOk ? "a" : "b";
        String suspended = World.op(() -> w.dm.suspend("src"));
        String resumed = World.op(() -> w.dm.resume(winner));
        r.r3 = suspended.equals("OK") && resumed.equals("OK")
                ? w.readChunk0IfActive(winner)
                : "handover:" + suspended + "/" + resumed;
    }
}
