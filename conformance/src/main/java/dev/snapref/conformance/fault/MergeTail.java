package dev.snapref.conformance.fault;

import dev.snapref.model.Device;
import dev.snapref.model.Model;
import dev.snapref.model.ModelState;
import dev.snapref.model.OriginTarget;
import dev.snapref.model.SnapshotTarget;
import dev.snapref.model.StoreType;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.LoadCommand;
import dev.snapref.scenario.ResumeCommand;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.StatusCommand;
import dev.snapref.scenario.SuspendCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A generated script with {@code lvconvert --merge} appended, for the merge crash check: where the
 * script ends with a snapshot-origin device on a disk and a valid, active persistent snapshot of
 * that disk, the tail loads {@code snapshot-merge} on the snapshot's cow into the origin's device,
 * suspends the snapshot and resumes the origin (the handover, then the merge), then asks the
 * origin's status (a failed merge shows "Merge failed" there, a finished one its counts). Empty when
 * the script leaves no such pair.
 */
final class MergeTail {
    /** What a merge-tailed script's name ends with. */
    static final String SUFFIX = "+merge";
    /** How many commands the tail appends (load, suspend, resume, status). */
    static final int COMMANDS = 4;

    private MergeTail() {
    }

    static Optional<Script> of(Script script) {
        List<ModelState> states;
        try {
            states = Model.trace(script).states();
        } catch (RuntimeException limitation) {
            return Optional.empty();
        }
        if (states.isEmpty()) {
            return Optional.empty();
        }
        ModelState end = states.get(states.size() - 1);
        for (Device o : end.devices()) {
            if (o.suspended() || o.live() == null || !(o.live().target() instanceof OriginTarget origin)
                    || origin.originDisk().startsWith("/")) {
                continue;
            }
            for (Device d : end.devices()) {
                if (d.suspended() || d.live() == null || !(d.live().target() instanceof SnapshotTarget s)
                        || s.merge() || !s.valid() || !s.active() || s.store().type() != StoreType.PERSISTENT
                        || !s.originDisk().equals(origin.originDisk()) || s.cowDisk().startsWith("/")
                        || s.store().exceptions().size() == 0) {
                    continue;
                }
                String table = "0 " + o.live().length() + " snapshot-merge /dev/disk/" + s.originDisk() + " /dev/disk/"
                        + s.cowDisk() + " P " + s.store().chunkSize();
                List<Command> out = new ArrayList<>(script.commands());
                out.add(new LoadCommand(o.name(), table));
                out.add(new SuspendCommand(d.name()));
                out.add(new ResumeCommand(o.name()));
                out.add(new StatusCommand(o.name(), false));
                assert out.size() == script.commands().size() + COMMANDS;
                return Optional.of(Script.of(script.name() + SUFFIX, out));
            }
        }
        return Optional.empty();
    }
}
