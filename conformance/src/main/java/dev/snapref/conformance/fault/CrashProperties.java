package dev.snapref.conformance.fault;

import dev.snapref.model.BlockRequests;
import dev.snapref.model.Disk;
import dev.snapref.model.Model;
import dev.snapref.model.ModelState;
import dev.snapref.model.SnapRef;
import dev.snapref.model.Slot;
import dev.snapref.model.SnapshotTarget;
import dev.snapref.model.StoreType;
import dev.snapref.scenario.Command;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the model's own crash semantics must give, so that the engine agreeing with it is worth
 * something: on a cow only persistent stores used (never written behind their back, never a
 * transient store), a reload of the crash image taken while step {@code S} ran keeps every
 * exception a valid store on it had committed before step {@code S}, with its cow chunk, and
 * shows no exception that no snapshot on it had up to step {@code S} (the batch in flight may
 * have reached the disk); it comes back marked invalid or is refused only if a snapshot on it was
 * invalidated by then.
 *
 * <p>Limits: a statement about the model's commit protocol (flush, then the area with FUA; zeroing
 * of the next area before it), checked at the crash points the campaign takes; cows that ever held
 * a transient store or raw script writes are not judged.
 */
final class CrashProperties {
    private final String cow;
    private final List<ModelState> states;
    private final boolean judged;

    CrashProperties(String cow, List<ModelState> states) {
        this.cow = cow;
        this.states = states;
        this.judged = suitable(cow, states);
    }

    /** Whether the cow is judged at all. */
    boolean judged() {
        return judged;
    }

    /**
     * Checks the model's reload of {@code image} (the {@code first} commands of {@code reload}:
     * the disks and the table) for a crash while step {@code step} (0-based) ran.
     */
    Optional<Finding> check(Disk image, List<Command> reload, int step, String where) {
        if (!judged) {
            return Optional.empty();
        }
        BlockRequests io = BlockRequests.traced(Set.of(), null, Map.of(cow, image));
        ModelState s = ModelState.initial();
        for (Command c : reload) {
            s = Model.step(s, c, io).next();
        }
        SnapshotTarget t = s.snapshot(new SnapRef("reboot", Slot.LIVE));
        if (t == null || !t.valid()) {
            return invalidatedBy(step) ? Optional.empty() : Optional.of(new Finding("crash:model-reload-refused",
                    where + ": the model's reload is " + (t == null ? "refused" : "marked invalid")
                            + " but no snapshot on " + cow + " was invalidated"));
        }
        Map<Long, Long> present = t.store().exceptions().asMap();
        ModelState before = step == 0 ? ModelState.initial() : states.get(Math.min(step, states.size()) - 1);
        for (SnapshotTarget s0 : ModelCows.on(before, cow)) {
            if (!s0.valid() || !s0.store().initialised() || !s0.store().metadataValid()) {
                continue;
            }
            for (Map.Entry<Long, Long> e : s0.store().exceptions().asMap().entrySet()) {
                if (!e.getValue().equals(present.get(e.getKey()))) {
                    return Optional.of(new Finding("crash:model-lost-exception", where + ": exception " + e.getKey()
                            + " -> " + e.getValue() + " was committed before the step, the model's reload has "
                            + present.get(e.getKey())));
                }
            }
        }
        for (Map.Entry<Long, Long> e : present.entrySet()) {
            if (!everHad(step, e.getKey(), e.getValue())) {
                return Optional.of(new Finding("crash:model-phantom-exception", where + ": the model's reload maps "
                        + e.getKey() + " -> " + e.getValue() + ", which no snapshot on " + cow + " ever had"));
            }
        }
        return Optional.empty();
    }

    private static boolean suitable(String cow, List<ModelState> states) {
        for (ModelState s : states) {
            if (s.disk(cow) != null && s.disk(cow).tainted()) {
                return false;
            }
            for (SnapshotTarget t : ModelCows.on(s, cow)) {
                if (t.store().type() != StoreType.PERSISTENT) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean invalidatedBy(int step) {
        for (int j = 0; j <= step && j < states.size(); j++) {
            for (SnapshotTarget t : ModelCows.on(states.get(j), cow)) {
                if (!t.valid() || !t.store().metadataValid()) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean everHad(int step, long oldChunk, long newChunk) {
        for (int j = 0; j <= step && j < states.size(); j++) {
            for (SnapshotTarget t : ModelCows.on(states.get(j), cow)) {
                if (t.store().exceptions().contains(oldChunk) && t.store().exceptions().lookup(oldChunk) == newChunk) {
                    return true;
                }
            }
        }
        return false;
    }
}
