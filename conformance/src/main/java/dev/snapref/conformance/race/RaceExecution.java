package dev.snapref.conformance.race;

import dev.snapref.conformance.guard.Severity;
import dev.snapref.conformance.guard.ThrowableDigest;
import dev.snapref.conformance.targets.TargetSession;
import dev.snapref.conformance.targets.engine.EngineTarget;
import dev.snapref.engine.DeviceMapper;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.model.WorldAbstraction;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.DiskCommand;
import dev.snapref.scenario.SectorContent;
import dev.snapref.scenario.TranscriptStep;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a {@link RaceScenario} once on a fresh engine under a {@link ControlledScheduler}: the
 * set-up and the checks on the calling thread, each thread's operations on a worker thread of its
 * own, the workers interleaved as {@code schedule} says; a background worker the engine starts from
 * a thread (the merge) is one more worker, numbered after the threads. Deterministic: the same scenario, bug
 * switches and schedule give the same {@link RaceRun}.
 *
 * <p>Guarantees: never throws for what the engine does (a throwable of an operation ends that
 * worker and makes the run abnormal, naming it), except fatal errors and interruptions
 * ({@link Severity}); a schedule that does not fit the run is an {@link IllegalArgumentException}.
 * Limits: a stalled run ({@link ControlledScheduler}) leaves its workers to unwind on their own;
 * at most {@link #MAX_DECISIONS} decisions (more is reported as a livelock).
 */
final class RaceExecution {
    /** Decisions after which a run is called a livelock. */
    static final int MAX_DECISIONS = 20_000;

    private final RaceScenario scenario;
    private final Set<EngineBug> bugs;
    private final long stallMs;

    RaceExecution(RaceScenario scenario, Set<EngineBug> bugs, long stallMs) {
        this.scenario = scenario;
        this.bugs = Set.copyOf(bugs);
        this.stallMs = stallMs;
    }

    RaceRun run(Schedule schedule) {
        return run(schedule, false);
    }

    /**
     * Runs under {@code schedule}; when {@code lenient}, a forced choice that cannot run (the
     * schedule was recorded on another engine, say a buggy one) gives way to the default rule
     * instead of failing.
     */
    RaceRun run(Schedule schedule, boolean lenient) {
        int n = scenario.threads().size();
        ControlledScheduler sched = new ControlledScheduler(n);
        DeviceMapper dm = new DeviceMapper(bugs, sched);
        TargetSession session = EngineTarget.session(dm);
        List<TranscriptStep> setup = new ArrayList<>();
        for (Command c : scenario.setup()) {
            setup.add(session.apply(c));
        }
        Workers w = new Workers(scenario, dm, sched);
        List<Decision> decisions = new ArrayList<>();
        Optional<String> abnormal = drive(sched, w, schedule, lenient, decisions);
        w.join(abnormal.isPresent() ? 0 : stallMs);
        if (w.crash.get() != null) {
            Severity.rethrowIfNotFailure(w.crash.get());
        }
        List<String> kmsg = new ArrayList<>(dm.log().drain());
        Collections.sort(kmsg);
        if (abnormal.isPresent()) {
            return new RaceRun(setup, w.ops(), kmsg, List.of(), WorldAbstraction.EMPTY, Map.of(), decisions, abnormal);
        }
        List<TranscriptStep> check = new ArrayList<>();
        for (Command c : scenario.check()) {
            check.add(session.apply(c));
        }
        return new RaceRun(setup, w.ops(), kmsg, check, session.world(), disks(session), decisions, Optional.empty());
    }

    /** The decision loop; the reason the run ended abnormally, if it did. */
    private Optional<String> drive(ControlledScheduler sched, Workers w, Schedule schedule, boolean lenient,
                                   List<Decision> out) {
        w.start();
        int current = -1;
        try {
            while (true) {
                List<Integer> enabled = sched.enabled(stallMs);
                if (enabled == null) {
                    return Optional.of("stalled: a thread blocked outside the schedule points for " + stallMs
                            + " ms (at decision " + out.size() + ")");
                }
                if (w.crash.get() != null) {
                    ThrowableDigest d = ThrowableDigest.of(w.crash.get());
                    return Optional.of("thread " + (w.crashed + 1) + " threw " + d.headline()
                            + (d.frames().isEmpty() ? "" : " at " + d.frames().get(0)));
                }
                if (sched.allDone()) {
                    return Optional.empty();
                }
                if (enabled.isEmpty()) {
                    return Optional.of("deadlock: every thread waits (" + waits(sched, w) + ")");
                }
                if (out.size() >= MAX_DECISIONS) {
                    return Optional.of("livelock: no end after " + MAX_DECISIONS + " decisions");
                }
                int c = lenient ? schedule.chooseLeniently(out.size(), current, enabled)
                        : schedule.choose(out.size(), current, enabled);
                out.add(new Decision(current, enabled, c, sched.label(c)));
                w.decision = out.size() - 1;
                sched.grant(c);
                current = c;
            }
        } catch (RuntimeException e) {
            sched.abandon();
            throw e;
        } finally {
            if (!sched.allDone()) {
                sched.abandon();
            }
        }
    }

    private static String waits(ControlledScheduler sched, Workers w) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sched.workers(); i++) {
            if (sched.blocked(i)) {
                sb.append(sb.length() == 0 ? "" : ", ").append("thread ").append(i + 1).append(" at ")
                        .append(sched.label(i));
            }
        }
        return sb.toString();
    }

    private Map<String, List<SectorContent>> disks(TargetSession session) {
        Map<String, List<SectorContent>> out = new LinkedHashMap<>();
        for (Command c : scenario.setup()) {
            if (c instanceof DiskCommand d) {
                out.put(d.name(), session.diskContents(d.name(), 0, (int) Math.min(d.sectors(), 1 << 12)));
            }
        }
        return out;
    }

    /** The worker threads of one run and what they record. */
    private static final class Workers {
        final Thread[] threads;
        final RaceRun.Op[][] ops;
        final AtomicReference<Throwable> crash = new AtomicReference<>();
        volatile int crashed = -1;
        /** The decision being carried out; read by the worker that holds the baton. */
        volatile int decision = -1;

        Workers(RaceScenario sc, DeviceMapper dm, ControlledScheduler sched) {
            int n = sc.threads().size();
            threads = new Thread[n];
            ops = new RaceRun.Op[n][];
            for (int i = 0; i < n; i++) {
                int me = i;
                List<Command> mine = sc.threads().get(i);
                ops[i] = new RaceRun.Op[mine.size()];
                for (int k = 0; k < mine.size(); k++) {
                    ops[i][k] = new RaceRun.Op(i, k, mine.get(k), null, -1, -1);
                }
                threads[i] = new Thread(() -> work(me, mine, dm, sched), "race-thread-" + (i + 1));
                threads[i].setDaemon(true);
            }
        }

        private void work(int me, List<Command> mine, DeviceMapper dm, ControlledScheduler sched) {
            try {
                sched.attach(me, "before " + mine.get(0).echo());
                for (int k = 0; k < mine.size(); k++) {
                    if (k > 0) {
                        sched.point("before " + mine.get(k).echo());
                    }
                    int start = decision;
                    TranscriptStep step = EngineTarget.issue(dm, mine.get(k), new ArrayList<>());
                    ops[me][k] = new RaceRun.Op(me, k, mine.get(k), step, start, decision);
                }
                sched.detach();
            } catch (ControlledScheduler.Abandoned e) {
                // the run was given up: unwind quietly
            } catch (Throwable t) {
                if (crash.compareAndSet(null, t)) {
                    crashed = me;
                }
                sched.detach();
            }
        }

        void start() {
            for (Thread t : threads) {
                t.start();
            }
        }

        void join(long ms) {
            for (Thread t : threads) {
                try {
                    t.join(Math.max(1, ms));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        List<RaceRun.Op> ops() {
            List<RaceRun.Op> out = new ArrayList<>();
            for (RaceRun.Op[] t : ops) {
                out.addAll(List.of(t));
            }
            return out;
        }
    }
}
