package dev.snapref.conformance.targets.engine;

import dev.snapref.conformance.check.ApiDisagreement;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.conformance.targets.Target;
import dev.snapref.conformance.targets.TargetOptions;
import dev.snapref.conformance.targets.TargetRun;
import dev.snapref.conformance.targets.TargetSession;

import dev.snapref.engine.DeviceInfo;
import dev.snapref.engine.DeviceMapper;
import dev.snapref.engine.kernel.DmException;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.engine.block.SparseImage;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.CreateCommand;
import dev.snapref.scenario.CreateNoTableCommand;
import dev.snapref.scenario.DiskCommand;
import dev.snapref.scenario.Errno;
import dev.snapref.scenario.InfoCommand;
import dev.snapref.scenario.LoadCommand;
import dev.snapref.scenario.Outcome;
import dev.snapref.scenario.ReadCommand;
import dev.snapref.scenario.ReadRuns;
import dev.snapref.scenario.RemoveCommand;
import dev.snapref.scenario.ResumeCommand;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.SectorPattern;
import dev.snapref.scenario.StatusCommand;
import dev.snapref.scenario.SuspendCommand;
import dev.snapref.scenario.TableCommand;
import dev.snapref.scenario.Transcript;
import dev.snapref.scenario.TranscriptStep;
import dev.snapref.scenario.WriteCommand;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reference chunk engine as a conformance target: runs a script on a fresh
 * {@link DeviceMapper} (fresh zero-filled in-memory disks) and prints the canonical transcript.
 * The disks' final images are sparse: a disk of any size up to 2^63 bytes costs time and memory in
 * proportion to the data written to it.
 * I/O to a suspended device (or one stacked on a suspended device) is not issued and prints
 * {@code -> blocked}, as the spec asks; a create or resume that starts a merge returns once the
 * merge has finished ({@link MergeWait}).
 */
public final class EngineTarget implements SteppableTarget {
    private final Set<EngineBug> bugs;
    private final DiskProvider disks;

    /** The correct engine. */
    public EngineTarget() {
        this(Set.of());
    }

    /** The engine with the given bug switches on (see {@code snapref bugs}). */
    public EngineTarget(Set<EngineBug> bugs) {
        this(bugs, DiskProvider.ZEROED);
    }

    /**
     * The engine with the given bug switches on whose sessions take their disks from
     * {@code disks} (fault-injecting devices, given images); {@link #run} still uses zeroed disks.
     */
    public EngineTarget(Set<EngineBug> bugs, DiskProvider disks) {
        this.bugs = Set.copyOf(bugs);
        this.disks = disks;
    }

    /**
     * Factory for the target registry ({@code "engine"}): {@link TargetOptions#bug()} turns one bug
     * switch on.
     *
     * @throws IllegalArgumentException naming the known switches when the bug name is unknown
     */
    public static Target fromOptions(TargetOptions options) {
        return new EngineTarget(options.bug().map(b -> Set.of(EngineBug.byId(b))).orElse(Set.of()));
    }

    /** The bug switches this target turns on (empty: the correct engine). */
    public Set<EngineBug> bugs() {
        return bugs;
    }

    @Override
    public String name() {
        return "engine";
    }

    /**
     * Runs the whole script on a fresh engine: its transcript, every declared disk's final image,
     * and each read whose return value disagreed with the sectors it read ({@link CheckedRead}) as
     * an API problem of the run, named by step.
     */
    @Override
    public TargetRun run(Script script) {
        DeviceMapper dm = new DeviceMapper(bugs);
        List<TranscriptStep> steps = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> disks = new ArrayList<>();
        List<ApiDisagreement> api = new ArrayList<>();
        for (Command c : script.commands()) {
            int before = api.size();
            TranscriptStep step = apply(dm, c, disks, api);
            steps.add(step);
            for (int i = before; i < api.size(); i++) {
                problems.add("step " + steps.size() + " (" + step.echo() + "): " + api.get(i));
            }
        }
        Map<String, SparseImage> images = new LinkedHashMap<>();
        for (String d : disks) {
            images.put(d, SparseImage.of(dm.disk(d)));
        }
        return new TargetRun(new Transcript(steps), images, problems);
    }

    @Override
    public TargetSession open() {
        return new EngineSession(new DeviceMapper(bugs), disks);
    }

    /**
     * A session over an engine the caller built (the concurrency phase builds it with its
     * controlled {@link dev.snapref.engine.kernel.Interleaving}); the caller may also drive
     * {@code dm} directly, from other threads, between two steps of the session.
     */
    public static TargetSession session(DeviceMapper dm) {
        return new EngineSession(dm, DiskProvider.ZEROED);
    }

    /**
     * Applies one command and returns its transcript step (kernel messages drained from the log).
     * A read's return value is checked, but a disagreement is reported only to a caller of
     * {@link #apply(DeviceMapper, Command, List, List)} (the sessions of the step-by-step check and
     * {@link #run}).
     */
    public static TranscriptStep apply(DeviceMapper dm, Command c, List<String> disks) {
        return apply(dm, c, disks, new ArrayList<>());
    }

    /**
     * Applies one command as {@link #apply(DeviceMapper, Command, List)} does, adding to
     * {@code api} a disagreement of the read API's return value ({@link CheckedRead}).
     */
    static TranscriptStep apply(DeviceMapper dm, Command c, List<String> disks, List<ApiDisagreement> api) {
        List<String> out = new ArrayList<>();
        Outcome outcome;
        try {
            outcome = execute(dm, c, out, disks, api);
        } catch (DmException e) {
            outcome = Outcome.error(toScenario(e.errno()));
        }
        dm.rethrowBackgroundFailure();
        return new TranscriptStep(c.echo(), out, dm.log().drain(), outcome);
    }

    /**
     * Issues one command as one process among several running at once: I/O to a suspended device
     * is issued and waits in the device (it never prints {@code -> blocked}), and the kernel
     * messages stay in the log (the step has none; the caller drains the log once for all the
     * commands that ran together). For the concurrency phase.
     */
    public static TranscriptStep issue(DeviceMapper dm, Command c, List<String> disks) {
        List<String> out = new ArrayList<>();
        Outcome outcome;
        try {
            outcome = execute(dm, c, out, disks, null);
        } catch (DmException e) {
            outcome = Outcome.error(toScenario(e.errno()));
        }
        return new TranscriptStep(c.echo(), out, List.of(), outcome);
    }

    /**
     * Runs {@code c}. {@code api} is null for a command issued among others at once (I/O to a
     * suspended device waits; a read uses the array form); else I/O to a suspended device is not
     * issued, and a read's return value is checked into {@code api}.
     */
    private static Outcome execute(DeviceMapper dm, Command c, List<String> out, List<String> disks,
                                   List<ApiDisagreement> api) throws DmException {
        boolean waitWhenSuspended = api == null;
        if (c instanceof DiskCommand d) {
            dm.addDisk(d.name(), d.sectors());
            disks.add(d.name());
        } else if (c instanceof CreateCommand cc) {
            dm.create(cc.name(), cc.table());
            MergeWait.await(dm, cc.name());
        } else if (c instanceof CreateNoTableCommand cn) {
            dm.createNoTable(cn.name());
        } else if (c instanceof LoadCommand l) {
            dm.load(l.name(), l.table());
        } else if (c instanceof SuspendCommand s) {
            dm.suspend(s.name());
        } else if (c instanceof ResumeCommand r) {
            dm.resume(r.name());
            MergeWait.await(dm, r.name());
        } else if (c instanceof RemoveCommand r) {
            dm.remove(r.name());
        } else if (c instanceof StatusCommand s) {
            addLine(out, dm.status(s.name(), s.inactive()));
        } else if (c instanceof TableCommand t) {
            addLine(out, dm.table(t.name(), t.inactive()));
        } else if (c instanceof InfoCommand i) {
            DeviceInfo info = dm.info(i.name());
            out.add("State: " + (info.suspended() ? "SUSPENDED" : "ACTIVE"));
            out.add("Tables present: " + tables(info));
        } else if (c instanceof WriteCommand w) {
            if (!waitWhenSuspended && dm.wouldBlock(w.device().path(), w.sector())) {
                return Outcome.BLOCKED;
            }
            dm.write(w.device().path(), w.sector(), SectorPattern.fill(w.label(), w.sector(), (int) w.count()));
        } else if (c instanceof ReadCommand r) {
            if (!waitWhenSuspended && dm.wouldBlock(r.device().path(), r.sector())) {
                return Outcome.BLOCKED;
            }
            byte[] data = waitWhenSuspended ? dm.read(r.device().path(), r.sector(), (int) r.count())
                    : CheckedRead.read(dm, r, api);
            out.addAll(ReadRuns.format(r.sector(), data));
        } else {
            throw new IllegalArgumentException("unknown command " + c);
        }
        return Outcome.OK;
    }

    private static void addLine(List<String> out, Optional<String> line) {
        line.filter(s -> !s.isEmpty()).ifPresent(out::add);
    }

    private static String tables(DeviceInfo i) {
        if (i.live() && i.inactive()) {
            return "LIVE & INACTIVE";
        }
        return i.live() ? "LIVE" : i.inactive() ? "INACTIVE" : "None";
    }

    private static Errno toScenario(dev.snapref.engine.kernel.Errno e) {
        Optional<Errno> byNumber = Errno.fromNumber(e.number());
        return byNumber.orElse(Errno.EIO);
    }
}
