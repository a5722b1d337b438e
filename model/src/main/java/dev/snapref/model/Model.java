package dev.snapref.model;

import dev.snapref.scenario.Command;
import dev.snapref.scenario.CreateCommand;
import dev.snapref.scenario.CreateNoTableCommand;
import dev.snapref.scenario.DevicePath;
import dev.snapref.scenario.DiskCommand;
import dev.snapref.scenario.Errno;
import dev.snapref.scenario.InfoCommand;
import dev.snapref.scenario.LoadCommand;
import dev.snapref.scenario.Outcome;
import dev.snapref.scenario.ReadCommand;
import dev.snapref.scenario.RemoveCommand;
import dev.snapref.scenario.ResumeCommand;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.StatusCommand;
import dev.snapref.scenario.SuspendCommand;
import dev.snapref.scenario.TableCommand;
import dev.snapref.scenario.Transcript;
import dev.snapref.scenario.TranscriptStep;
import dev.snapref.scenario.WriteCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * The executable model: {@code State x Command -> (State, transcript step)}, pure. It covers dm
 * core (devices, live and inactive slots, suspend, do_resume, remove, tables stacked on mapped
 * devices) and the snapshot-origin, snapshot, snapshot-merge and linear targets of Linux 6.1
 * (snapshot 1.16.0, merge 1.5.0, linear 1.4.0) including the live exception store handover and
 * the merge. Data is abstract (sector patterns), metadata exact (see {@link ExceptionStores}).
 *
 * <p>Guarantees: {@link #step} never mutates its input; a command that changes nothing returns
 * the same state instance; the step is the exact canonical transcript step. Limits: scripts
 * outside the documented scope (other target types, see the package description) raise
 * {@link ModelLimitation}.
 */
public final class Model {
    private Model() {
    }

    /** One command applied to {@code state}. */
    public static ModelTransition step(ModelState state, Command command) {
        return step(state, command, BlockRequests.untracked());
    }

    /**
     * One command applied to {@code state} with its disk requests going through {@code io}: a
     * traced run logs them and applies its fault plan (an I/O error takes the kernel's paths: EIO
     * to the caller, snapshot invalidation, a failed metadata commit). With the untracked block
     * layer this is {@link #step(ModelState, Command)}.
     */
    public static ModelTransition step(ModelState state, Command command, BlockRequests io) {
        return step(state, command, io, SplitWriteRace.reference());
    }

    /**
     * One command as {@link #step(ModelState, Command, BlockRequests)}, its split writes decided by
     * {@code race} (the same instance for every step of a run numbers the run's decisions).
     */
    public static ModelTransition step(ModelState state, Command command, BlockRequests io, SplitWriteRace race) {
        io.stepStarted();
        World w = new World(state, io, race);
        Outcome outcome = apply(w, command);
        ModelState next = w.freeze();
        if (next != state && next.equals(state)) {
            next = state;
        }
        io.stepEnded(next);
        List<String> out = outcome == Outcome.OK ? w.out : List.of();
        return new ModelTransition(next, new TranscriptStep(command.echo(), out, w.kmsg, outcome));
    }

    /** The next state only (no transcript step built): what the explorer needs. */
    public static ModelState next(ModelState state, Command command) {
        if (changesNothing(state, command)) {
            return state;
        }
        World w = new World(state);
        apply(w, command);
        ModelState next = w.freeze();
        return next != state && next.equals(state) ? state : next;
    }

    /**
     * Whether {@code command} leaves {@code state} as it is, seen without running it: a query
     * (read, status, table, info), a dm ioctl naming a missing device (ENXIO), a create of an
     * existing name (EBUSY), a write to a mapped device without a node (ENOENT). A fast path of
     * {@link #next}; {@link #step} always runs the command.
     */
    static boolean changesNothing(ModelState state, Command command) {
        if (command instanceof ReadCommand || command instanceof StatusCommand || command instanceof TableCommand
                || command instanceof InfoCommand) {
            return true;
        }
        if (command instanceof SuspendCommand c) {
            return state.device(c.name()) == null;
        }
        if (command instanceof ResumeCommand c) {
            return state.device(c.name()) == null;
        }
        if (command instanceof RemoveCommand c) {
            return state.device(c.name()) == null;
        }
        if (command instanceof LoadCommand c) {
            return state.device(c.name()) == null;
        }
        if (command instanceof CreateCommand c) {
            return state.device(c.name()) != null;
        }
        if (command instanceof CreateNoTableCommand c) {
            return state.device(c.name()) != null;
        }
        if (command instanceof WriteCommand c && c.device().kind() == DevicePath.Kind.MAPPER) {
            Device d = state.device(c.device().name());
            return d == null || !d.node();
        }
        return false;
    }

    /** Runs a whole script from the initial state. */
    public static Transcript run(Script script) {
        return run(script, SplitWriteRace.reference());
    }

    /** Runs a whole script from the initial state, its split writes decided by {@code race}. */
    public static Transcript run(Script script, SplitWriteRace race) {
        return new Transcript(trace(script, BlockRequests.untracked(), race).steps());
    }

    /** A script's run with the state after every step (states.get(i) follows step i). */
    public record Trace(List<ModelState> states, List<TranscriptStep> steps) {
    }

    /** Runs a script keeping every intermediate state. */
    public static Trace trace(Script script) {
        return trace(script, BlockRequests.untracked());
    }

    /** Runs a script keeping every intermediate state, its disk requests going through {@code io}. */
    public static Trace trace(Script script, BlockRequests io) {
        return trace(script, io, SplitWriteRace.reference());
    }

    /** {@link #trace(Script, BlockRequests)} with the split writes decided by {@code race}. */
    public static Trace trace(Script script, BlockRequests io, SplitWriteRace race) {
        ModelState s = ModelState.initial();
        List<ModelState> states = new ArrayList<>();
        List<TranscriptStep> steps = new ArrayList<>();
        for (Command c : script.commands()) {
            ModelTransition t = step(s, c, io, race);
            s = t.next();
            states.add(s);
            steps.add(t.step());
        }
        return new Trace(states, steps);
    }

    private static Outcome apply(World w, Command command) {
        if (command instanceof DiskCommand d) {
            w.putDisk(w.io.newDisk(d.name(), d.sectors()));
            return Outcome.OK;
        }
        if (command instanceof WriteCommand c) {
            return BlockIo.write(w, c.device(), c.sector(), c.count(), c.label());
        }
        if (command instanceof ReadCommand c) {
            return BlockIo.read(w, c.device(), c.sector(), c.count());
        }
        return result(dmsetup(w, command));
    }

    private static Errno dmsetup(World w, Command command) {
        if (command instanceof CreateCommand c) {
            return DmCore.create(w, c.name(), c.table());
        } else if (command instanceof CreateNoTableCommand c) {
            return DmCore.createEmpty(w, c.name());
        } else if (command instanceof LoadCommand c) {
            return DmCore.load(w, c.name(), c.table());
        } else if (command instanceof SuspendCommand c) {
            return DmCore.suspend(w, c.name());
        } else if (command instanceof ResumeCommand c) {
            return DmCore.resume(w, c.name());
        } else if (command instanceof RemoveCommand c) {
            return DmCore.remove(w, c.name());
        } else if (command instanceof StatusCommand c) {
            return DmCore.describe(w, c.name(), c.inactive(), false);
        } else if (command instanceof TableCommand c) {
            return DmCore.describe(w, c.name(), c.inactive(), true);
        } else if (command instanceof InfoCommand c) {
            return DmCore.info(w, c.name());
        }
        throw new AssertionError("unknown command " + command);
    }

    private static Outcome result(Errno e) {
        return e == null ? Outcome.OK : Outcome.error(e);
    }
}
