package dev.snapref.conformance.targets.model;

import dev.snapref.conformance.targets.OutOfScope;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.conformance.targets.Target;
import dev.snapref.conformance.targets.TargetOptions;
import dev.snapref.conformance.targets.TargetRun;
import dev.snapref.conformance.targets.TargetSession;

import dev.snapref.conformance.check.InvariantChecking;
import dev.snapref.conformance.check.InvariantViolation;
import dev.snapref.model.BlockRequests;
import dev.snapref.model.Model;
import dev.snapref.model.ModelState;
import dev.snapref.model.SplitWriteRace;
import dev.snapref.model.WorldAbstraction;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.SectorContent;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.Transcript;
import dev.snapref.scenario.TranscriptStep;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The executable model ({@code dev.snapref.model}) as a conformance target: transcripts only,
 * no disk images (the model's data is abstract). Steppable; its world is the model's own
 * abstraction function, {@link ModelState#abstraction()}. Scripts outside the model's scope
 * raise {@link dev.snapref.model.ModelLimitation}.
 */
public final class ModelTarget implements SteppableTarget {
    private final java.util.function.Supplier<BlockRequests> requests;

    /** The model with the plain block layer (no faults, zeroed disks). */
    public ModelTarget() {
        this(BlockRequests::untracked);
    }

    /**
     * The model whose sessions each take their block layer from {@code requests}: a traced,
     * faulted one makes the model run under a fault plan ({@link BlockRequests}); {@link #run}
     * always uses the plain one.
     */
    public ModelTarget(java.util.function.Supplier<BlockRequests> requests) {
        this.requests = requests;
    }

    /** Factory for the target registry ({@code "model"}); options are not used. */
    public static Target fromOptions(TargetOptions options) {
        return new ModelTarget();
    }

    @Override
    public String name() {
        return "model";
    }

    @Override
    public TargetRun run(Script script) {
        try {
            return new TargetRun(Model.run(script), Map.of());
        } catch (dev.snapref.model.ModelLimitation e) {
            throw new OutOfScope("model", e.getMessage(), e);
        }
    }

    /**
     * The transcripts of the script's other Linux 6.1 outcomes ({@link SplitWriteRace}): every
     * split write taking the other outcome, and each split write alone taking it (at most
     * {@value #MAX_SINGLE_FLIPS} of them), those that differ from the reference transcript, each
     * once. Empty when the script has no split write, or is outside the model's scope.
     */
    @Override
    public List<Transcript> otherOutcomes(Script script) {
        try {
            SplitWriteRace counted = SplitWriteRace.reference();
            String reference = Model.run(script, counted).render();
            if (counted.decisions() == 0) {
                return List.of();
            }
            List<SplitWriteRace> races = new ArrayList<>(List.of(SplitWriteRace.otherEverywhere()));
            for (int i = 0; i < Math.min(counted.decisions(), MAX_SINGLE_FLIPS); i++) {
                races.add(SplitWriteRace.otherAt(i));
            }
            Set<String> seen = new HashSet<>(List.of(reference));
            List<Transcript> out = new ArrayList<>();
            for (SplitWriteRace r : races) {
                Transcript t = Model.run(script, r);
                if (seen.add(t.render())) {
                    out.add(t);
                }
            }
            return out;
        } catch (dev.snapref.model.ModelLimitation e) {
            return List.of();
        }
    }

    /** At most this many split writes of a script are flipped one at a time ({@link #otherOutcomes}). */
    static final int MAX_SINGLE_FLIPS = 64;

    @Override
    public TargetSession open() {
        return new Session(requests.get());
    }

    /**
     * One model world driven command by command. Model states are immutable and
     * {@link Model#step} returns the very same state object when a command changes nothing, and
     * both the abstraction and every invariant are functions of the state alone: so the world
     * and the violations computed for a state are kept and handed out again while the state
     * object is the same. Every step still checks every invariant and the abstraction of the
     * state it leaves; an unchanged state just has the same answers.
     */
    private static final class Session implements TargetSession, InvariantChecking {
        private static final List<dev.snapref.model.Invariant> INVARIANTS = dev.snapref.model.Invariants.all();
        private final BlockRequests io;
        private ModelState state = ModelState.initial();
        private ModelState worldOf;
        private WorldAbstraction world;
        private ModelState violationsOf;
        private List<InvariantViolation> violations;

        Session(BlockRequests io) {
            this.io = io;
        }

        @Override
        public TranscriptStep apply(Command command) {
            dev.snapref.model.ModelTransition t;
            try {
                t = Model.step(state, command, io);
            } catch (dev.snapref.model.ModelLimitation e) {
                throw new OutOfScope("model", e.getMessage(), e);
            }
            state = t.next();
            return t.step();
        }

        @Override
        public List<InvariantViolation> violations() {
            if (violationsOf != state) {
                violations = checkInvariants(state);
                violationsOf = state;
            }
            return violations;
        }

        private static List<InvariantViolation> checkInvariants(ModelState state) {
            List<InvariantViolation> out = new ArrayList<>();
            for (dev.snapref.model.Invariant inv : INVARIANTS) {
                Optional<String> v = inv.check(state);
                if (v.isPresent()) {
                    out.add(new InvariantViolation(inv.id(), inv.description(), v.get()));
                }
            }
            return List.copyOf(out);
        }

        @Override
        public WorldAbstraction world() {
            if (worldOf != state) {
                world = state.abstraction();
                worldOf = state;
            }
            return world;
        }

        @Override
        public Optional<List<long[]>> nonZeroRanges(String disk) {
            List<long[]> out = new ArrayList<>();
            for (dev.snapref.model.Extent e : state.disk(disk).extents()) {
                out.add(new long[] {e.start(), e.start() + e.length()});
            }
            return Optional.of(out);
        }

        @Override
        public List<SectorContent> diskContents(String disk, long first, int count) {
            var d = state.disk(disk);
            long n = Math.max(0, Math.min(count, d.sectors() - first));
            return new ArrayList<>(d.read(first, n));
        }
    }
}
