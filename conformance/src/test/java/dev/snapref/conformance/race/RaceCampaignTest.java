package dev.snapref.conformance.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.conformance.targets.model.ModelTarget;
import dev.snapref.engine.kernel.EngineBug;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The concurrency phase: silent on the correct engine, catches both race switches, deterministically. */
class RaceCampaignTest {
    private static final ModelTarget MODEL = new ModelTarget();

    private static RaceSummary run(long seed, Set<EngineBug> bugs) {
        return new RaceCampaign(RaceCampaign.Config.gate(seed, bugs, null), MODEL).run();
    }

    @Test
    void correctEngineIsAdmittedOnEverySchedule() {
        RaceSummary s = run(1, Set.of());
        System.out.println(s.note());
        s.failures().forEach(f -> System.out.println(f.summary()));
        assertTrue(s.failures().isEmpty(), () -> s.failures().get(0).summary());
        assertTrue(s.schedules() > s.scenarios());
    }

    @Test
    void pendingOnOldStoreIsCaught() {
        RaceSummary s = run(1, Set.of(EngineBug.PENDING_ON_OLD_STORE));
        System.out.println(s.note());
        s.failures().forEach(f -> System.out.println(f.summary()));
        assertFalse(s.failures().isEmpty());
    }

    @Test
    void brokenHandoverLockingIsCaught() {
        RaceSummary s = run(1, Set.of(EngineBug.BROKEN_HANDOVER_LOCKING));
        System.out.println(s.note());
        s.failures().forEach(f -> System.out.println(f.summary()));
        assertFalse(s.failures().isEmpty());
    }

    @Test
    void sameSeedSameFailures() {
        RaceSummary a = run(7, Set.of(EngineBug.PENDING_ON_OLD_STORE));
        RaceSummary b = run(7, Set.of(EngineBug.PENDING_ON_OLD_STORE));
        assertEquals(a.schedules(), b.schedules());
        assertEquals(a.failures().stream().map(RaceFailure::summary).toList(),
                b.failures().stream().map(RaceFailure::summary).toList());
    }
}
