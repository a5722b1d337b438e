package dev.snapref.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;

/*
    Race 7: suspend racing in-flight I/O.

    World: origin chunk 0 holds PRE; snapshot "snap" is active, so an origin write first copies
    the chunk out to the cow and only then writes: a long in-flight window.

        Actor 1: write NEW over chunk 0 of /dev/mapper/origin  -> r1
        Actor 2: suspend origin; read chunk 0 of the raw origin disk (/dev/disk/origin, never
                 blocked) -> r2; yield a little; read it again -> r3; resume origin

    Suspend must wait for the I/O in flight on the device to complete, and I/O that arrives
    while the device is suspended is held until resume (it does not complete against the
    suspended device). So right after suspend returns, the origin disk holds either all of the
    write or none of it (r2), and nothing changes on it until Actor 2 resumes the device (r3 = r2).
    Actor 2 always resumes, so a held write always returns.

    Outcomes (r1, r2, r3):
      OK, PRE, PRE   ACCEPTABLE  the write arrived after the suspend: held, completed after resume
      OK, NEW, NEW   ACCEPTABLE  the write completed before suspend returned
      OK, PRE, NEW   FORBIDDEN   the write completed while the device was suspended
      OK, PRE+NEW..  FORBIDDEN   suspend returned with the write half done (did not drain)
      anything else  FORBIDDEN   an operation failed

    How to run:  stress/run-stress.sh -t SuspendInFlightIoRace
 */

/** Race 7: suspend vs. in-flight I/O; suspend drains, nothing completes while suspended. */
@JCStressTest
@Description("Suspend racing an in-flight origin write: suspend drains it; nothing completes while suspended.")
@Outcome(id = "OK, PRE, PRE", expect = ACCEPTABLE, desc = "The write was held by the suspend and completed after resume.")
@Outcome(id = "OK, NEW, NEW", expect = ACCEPTABLE, desc = "The write completed before suspend returned.")
@Outcome(expect = FORBIDDEN, desc = "Suspend returned mid-write, or the write completed while suspended.")
@State
public class SuspendInFlightIoRace {
    private final World w = new World().originChunk0("PRE").snapshot("snap");

    /** Writes NEW over chunk 0 of the origin (held while the origin is suspended). */
    @Actor
    public void write(LLL_Result r) {
        r.r1 = w.write(World.ORIGIN, 0, World.CHUNK, "NEW");
    }

    /** Suspends the origin, looks at its disk twice, resumes it. */
    @Actor
    public void suspend(LLL_Result r) {
        String suspended = World.op(() -> w.dm.suspend("origin"));
        try {
            r.r2 = w.readChunk0(World.ORIGIN_DISK);
            for (int i = 0; i < 4; i++) {
                Thread.yield();
            }
            r.r3 = w.readChunk0(World.ORIGIN_DISK);
        } finally {
            String resumed = World.op(() -> w.dm.resume("origin"));
            if (!suspended.equals("OK") || !resumed.equals("OK")) {
                r.r2 = "suspend:" + suspended + "/resume:" + resumed;
            }
        }
    }
}
