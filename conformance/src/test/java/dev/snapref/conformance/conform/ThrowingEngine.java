package dev.snapref.conformance.conform;

import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.conformance.targets.TargetRun;
import dev.snapref.conformance.targets.TargetSession;
import dev.snapref.conformance.targets.engine.EngineTarget;
import dev.snapref.model.WorldAbstraction;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.SectorContent;
import dev.snapref.scenario.Transcript;
import dev.snapref.scenario.TranscriptStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A planted engine bug for the gate's own tests: the correct engine, except that in every world
 * (session) the {@code n}-th command of class {@code kind} throws
 * {@code AssertionError("planted engine assertion ...")} instead of running, the way an engine assertion fires. Deterministic per script, so the gate's
 * shrinker can re-run it.
 */
final class ThrowingEngine implements SteppableTarget {
    /** The message every planted throw starts with. */
    static final String PLANTED = "planted engine assertion";

    private final EngineTarget engine = new EngineTarget();
    private final Class<? extends Command> kind;
    private final int n;

    private final boolean fatal;

    ThrowingEngine(Class<? extends Command> kind, int n) {
        this(kind, n, false);
    }

    /** With {@code fatal}: throws {@code OutOfMemoryError} instead (a planted one: nothing runs out of memory). */
    ThrowingEngine(Class<? extends Command> kind, int n, boolean fatal) {
        this.kind = kind;
        this.n = n;
        this.fatal = fatal;
    }

    @Override
    public String name() {
        return "engine";
    }

    @Override
    public TargetRun run(Script script) {
        List<TranscriptStep> steps = new ArrayList<>();
        try (TargetSession s = open()) {
            for (Command c : script.commands()) {
                steps.add(s.apply(c));
            }
        }
        return new TargetRun(new Transcript(steps), Map.of());
    }

    @Override
    public TargetSession open() {
        TargetSession inner = engine.open();
        return new TargetSession() {
            private int seen;

            @Override
            public TranscriptStep apply(Command command) {
                if (kind.isInstance(command) && ++seen == n) {
                    String message = PLANTED + " on " + kind.getSimpleName() + " #" + n;
                    throw fatal ? new OutOfMemoryError(message) : new AssertionError(message);
                }
                return inner.apply(command);
            }

            @Override
            public WorldAbstraction world() {
                return inner.world();
            }

            @Override
            public List<SectorContent> diskContents(String disk, long first, int count) {
                return inner.diskContents(disk, first, count);
            }

            @Override
            public Optional<List<long[]>> nonZeroRanges(String disk) {
                return inner.nonZeroRanges(disk);
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }
}
