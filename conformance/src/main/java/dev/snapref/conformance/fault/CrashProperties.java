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
 * <p>A stacked cow is judged on its slice ({@link VolumeSlice}): the reload reads the crash image of
 * the whole disk beneath through a linear device at the slice's offset ({@link CrashReload#setup}),
 * which is exactly the view the store had, and only the states in which the cow is that slice
 * count (a cow LV removed and created elsewhere starts over). Sound because a store only ever
 * reads and writes its own slice: the rest of the disk (the origin LV, other cows) never reaches
 * it.
 *
 * <p>Limits: a statement about the model's commit protocol (flush, then the area with FUA; zeroing
 * of the next area before it), checked at the crash points the campaign takes; cows that ever held
 * a transient store, or whose disk was ever tainted (raw script writes, or for a disk under LVM
 * volumes any write that bypassed the snapshot targets, anywhere on the disk: the flag is per
 * disk), are not judged; nor are crashes from the step on in which a {@code snapshot-merge} table
 * on the cow is first loaded (a merge clears committed exceptions on purpose: {@link MergeCrash}
 * is the merge's crash check).
 */
final class CrashProperties {
    private final VolumeSlice slice;
    private final List<ModelState> states;
    private final boolean[] holds;
    private final boolean judged;
    private final int mergeFrom;

    CrashProperties(VolumeSlice slice, List<ModelState> states) {
        this.slice = slice;
        this.states = states;
        this.holds = slice.holdsIn(states);
        this.judged = suitable();
        this.mergeFrom = firstMerge();
    }

    /** Whether the cow is judged at all. */
    boolean judged() {
        return judged;
    }

    /** Whether a crash while step {@code step} (0-based) ran is judged: the cow is, and no merge had begun. */
    boolean judges(int step) {
        return judged && step < mergeFrom;
    }

    /**
     * Checks the model's reload of {@code image} (the disk the slice is on; {@code setup}: the
     * reload's commands up to its snapshot table) for a crash while step {@code step} (0-based) ran.
     */
    Optional<Finding> check(Disk image, List<Command> setup, int step, String where) {
        if (!judges(step)) {
            return Optional.empty();
        }
        BlockRequests io = BlockRequests.traced(Set.of(), null, Map.of(slice.disk(), image));
        ModelState s = ModelState.initial();
        for (Command c : setup) {
            s = Model.step(s, c, io).next();
        }
        SnapshotTarget t = s.snapshot(new SnapRef("reboot", Slot.LIVE));
        if (t == null || !t.valid()) {
            return invalidatedBy(step) ? Optional.empty() : Optional.of(new Finding("crash:model-reload-refused",
                    where + ": the model's reload is " + (t == null ? "refused" : "marked invalid")
                            + " but no snapshot on " + slice + " was invalidated"));
        }
        Map<Long, Long> present = t.store().exceptions().asMap();
        for (SnapshotTarget s0 : on(Math.min(step, states.size()) - 1)) {
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
                        + e.getKey() + " -> " + e.getValue() + ", which no snapshot on " + slice + " ever had"));
            }
        }
        return Optional.empty();
    }

    /** The snapshots on the cow in state {@code j} while it is this slice (none before the first state). */
    private List<SnapshotTarget> on(int j) {
        return j < 0 || !holds[j] ? List.of() : ModelCows.on(states.get(j), slice.volume());
    }

    private boolean suitable() {
        for (int j = 0; j < states.size(); j++) {
            if (!holds[j]) {
                continue;
            }
            Disk d = states.get(j).disk(slice.disk());
            if (d != null && d.tainted()) {
                return false;
            }
            for (SnapshotTarget t : on(j)) {
                if (t.store().type() != StoreType.PERSISTENT) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The first step whose state has a snapshot-merge table on the slice (live or inactive), or past the end. */
    private int firstMerge() {
        for (int j = 0; j < states.size(); j++) {
            for (SnapshotTarget t : on(j)) {
                if (t.merge()) {
                    return j;
                }
            }
        }
        return Integer.MAX_VALUE;
    }

    private boolean invalidatedBy(int step) {
        for (int j = 0; j <= step && j < states.size(); j++) {
            for (SnapshotTarget t : on(j)) {
                if (!t.valid() || !t.store().metadataValid()) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean everHad(int step, long oldChunk, long newChunk) {
        for (int j = 0; j <= step && j < states.size(); j++) {
            for (SnapshotTarget t : on(j)) {
                if (t.store().exceptions().contains(oldChunk) && t.store().exceptions().lookup(oldChunk) == newChunk) {
                    return true;
                }
            }
        }
        return false;
    }
}
