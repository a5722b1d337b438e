package dev.snapref.conformance.check;

import dev.snapref.conformance.clause.Clause;
import dev.snapref.conformance.clause.StepContext;
import dev.snapref.conformance.diff.TranscriptComparison;
import dev.snapref.conformance.guard.Severity;
import dev.snapref.conformance.targets.OutOfScope;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.conformance.targets.TargetSession;
import dev.snapref.model.AbstractionDifference;
import dev.snapref.model.WorldAbstraction;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.DiskCommand;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.SectorContent;
import dev.snapref.scenario.SectorPattern;
import dev.snapref.scenario.Transcript;
import dev.snapref.scenario.TranscriptStep;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a script on the model (the reference) and a candidate target step by step: after
 * every command the two transcript steps must be equal, every model invariant must hold, and
 * the candidate's abstract state must equal the model's (refinement: both as the model's
 * {@link WorldAbstraction}, every field compared, every difference listed, the first one's
 * {@link AbstractionDifference#key()} as the failure's key; a candidate that checks its own
 * Java API, {@link ApiChecking}, must also find its API's answers agreeing with that state); at
 * the end every disk must hold the same data labels. The first failure stops the script and is
 * attributed to the clauses its step exercises.
 */
public final class DifferentialChecker {
    /** {@link Clause#values()}, copied once instead of once a step. */
    /** Sectors of a disk compared when a side cannot say where its data lies (32 MiB). */
    static final long BLIND_COMPARE_SECTORS = 1 << 16;
    private static final Clause[] CLAUSES = Clause.values();
    /** Sectors compared at a time at the end of a script (bounds the buffer, not what is compared). */
    private static final int PIECE_SECTORS = 256;
    /** The per-thread buffer raw sectors are read into (each read overwrites what is compared). */
    private static final ThreadLocal<byte[]> PIECE =
            ThreadLocal.withInitial(() -> new byte[PIECE_SECTORS * SectorPattern.SECTOR_SIZE]);
    private final SteppableTarget reference;
    private final SteppableTarget candidate;
    private final boolean refinement;
    private java.util.function.Consumer<StepContext> observer = c -> { };

    /**
     * @param reference  the model: its sessions must also implement {@link InvariantChecking}
     * @param candidate  the target under test (the engine)
     * @param refinement whether to compare abstract states after every step
     */
    public DifferentialChecker(SteppableTarget reference, SteppableTarget candidate, boolean refinement) {
        this.reference = reference;
        this.candidate = candidate;
        this.refinement = refinement;
    }

    /** Calls {@code observer} with every checked step's context (for coverage pictures). */
    public DifferentialChecker observe(java.util.function.Consumer<StepContext> observer) {
        this.observer = observer;
        return this;
    }

    public String candidateName() {
        return candidate.name();
    }

    /** The same checker without the observer (for re-runs that must not count as evidence). */
    public DifferentialChecker withoutObserver() {
        return new DifferentialChecker(reference, candidate, refinement);
    }

    /**
     * Checks one script. Never throws for a target's failure: a target that throws (any
     * {@link Severity#FAILURE}: assertion, runtime exception, stack overflow, linkage error) is a
     * CRASH failure. Interruptions and fatal errors ({@link Severity}) are passed on.
     */
    public CheckResult check(Script script) {
        return check(script, new Throwable[1]);
    }

    /** What the CRASH failure of checking {@code script} was thrown with; empty when it did not crash. */
    public Optional<Throwable> crash(Script script) {
        Throwable[] thrown = new Throwable[1];
        check(script, thrown);
        return Optional.ofNullable(thrown[0]);
    }

    private CheckResult check(Script script, Throwable[] thrown) {
        List<TranscriptStep> refSteps = new ArrayList<>();
        List<TranscriptStep> candSteps = new ArrayList<>();
        Map<Clause, Integer> hits = new EnumMap<>(Clause.class);
        Optional<Failure> failure = Optional.empty();
        Optional<String> outOfScope = Optional.empty();
        int checked = 0;
        try (TargetSession ref = reference.open(); TargetSession cand = candidate.open()) {
            WorldAbstraction before = ref.world();
            List<Command> commands = script.commands();
            for (int i = 0; i < commands.size() && failure.isEmpty(); i++) {
                Command c = commands.get(i);
                TranscriptStep r = ref.apply(c);
                refSteps.add(r);
                WorldAbstraction after = ref.world();
                StepContext ctx = new StepContext(c, r, before, after);
                List<Clause> clauses = clausesOf(ctx);
                clauses.forEach(cl -> hits.merge(cl, 1, Integer::sum));
                observer.accept(ctx);
                failure = checkStep(i, c, ctx, clauses, ref, cand, candSteps, script, thrown);
                before = after;
                checked++;
            }
            if (failure.isEmpty()) {
                failure = compareDisks(commands, ref, cand);
            }
        } catch (OutOfScope e) {
            outOfScope = Optional.of(e.getMessage());
        } catch (Throwable e) {
            Severity.rethrowIfNotFailure(e);
            thrown[0] = e;
            failure = Optional.of(crash(checked, script, e));
        }
        return new CheckResult(script, checked, hits, new Transcript(refSteps), new Transcript(candSteps), failure,
                outOfScope);
    }

    private Optional<Failure> checkStep(int i, Command c, StepContext ctx, List<Clause> clauses, TargetSession ref,
                                        TargetSession cand, List<TranscriptStep> candSteps, Script script,
                                        Throwable[] thrown) {
        TranscriptStep got;
        try {
            got = cand.apply(c);
        } catch (OutOfScope e) {
            throw e;
        } catch (Throwable e) {
            Severity.rethrowIfNotFailure(e);
            thrown[0] = e;
            return Optional.of(new Failure(FailureKind.CRASH, i, c.echo(), stackText(e),
                    e.getClass().getSimpleName() + ":" + c.getClass().getSimpleName(), clauses));
        }
        candSteps.add(got);
        if (!got.equals(ctx.step())) {
            String diff = TranscriptComparison.compare(script, reference.name(), new Transcript(List.of(ctx.step())),
                    candidate.name(), new Transcript(List.of(got))).map(d -> d.unified()).orElse("");
            return Optional.of(new Failure(FailureKind.DIVERGENCE, i, c.echo(), diff,
                    c.getClass().getSimpleName() + ":" + whatDiffers(ctx.step(), got), clauses));
        }
        if (ref instanceof InvariantChecking inv) {
            List<InvariantViolation> v = inv.violations();
            if (!v.isEmpty()) {
                return Optional.of(new Failure(FailureKind.INVARIANT, i, c.echo(),
                        v.get(0).id() + ": " + v.get(0).description() + "\n" + v.get(0).detail(), v.get(0).id(),
                        clauses));
            }
        }
        return refinement ? refinementFailure(i, c, ctx, clauses, cand) : Optional.empty();
    }

    /**
     * The refinement check of one step: the candidate's abstract state must equal the model's,
     * then, for a candidate that checks its own API ({@link ApiChecking}), every answer of that API
     * must agree with the model's state and with the API's other routes to the same fact.
     */
    private Optional<Failure> refinementFailure(int i, Command c, StepContext ctx, List<Clause> clauses,
                                                TargetSession cand) {
        List<AbstractionDifference> d = ctx.after().differences(cand.world());
        if (!d.isEmpty()) {
            StringBuilder detail = new StringBuilder(reference.name() + " vs " + candidate.name() + ":\n");
            d.forEach(x -> detail.append(x).append('\n'));
            return Optional.of(new Failure(FailureKind.REFINEMENT, i, c.echo(), detail.toString(),
                    d.get(0).key(), clauses));
        }
        if (cand instanceof ApiChecking api) {
            List<ApiDisagreement> a = api.apiDisagreements(ctx.after());
            if (!a.isEmpty()) {
                StringBuilder detail = new StringBuilder(candidate.name() + "'s Java API vs " + reference.name()
                        + " and its own views:\n");
                a.forEach(x -> detail.append(x).append('\n'));
                return Optional.of(new Failure(FailureKind.REFINEMENT, i, c.echo(), detail.toString(),
                        a.get(0).key(), clauses));
            }
        }
        return Optional.empty();
    }

    /**
     * Compares every disk's data labels at the end of the script. Only sectors that either side
     * may hold non-zero data in ({@link TargetSession#nonZeroRanges}) are read: every other
     * sector is zero on both by their own guarantee, so when both sides can tell this checks the
     * whole disk, of any size, in time proportional to the data; when one side cannot, the first
     * {@value #BLIND_COMPARE_SECTORS} sectors are compared sector by sector. A candidate that hands out raw
     * bytes ({@link RawDisk}) has them tested against the reference's labels by
     * {@link SectorMatch}, which answers exactly what comparing classifications answers.
     */
    private Optional<Failure> compareDisks(List<Command> commands, TargetSession ref, TargetSession cand) {
        SectorMatch match = new SectorMatch();
        byte[] buffer = PIECE.get();
        for (Command c : commands) {
            if (c instanceof DiskCommand d) {
                Optional<List<long[]>> refRanges = ref.nonZeroRanges(d.name());
                Optional<List<long[]>> candRanges = cand.nonZeroRanges(d.name());
                long n = refRanges.isPresent() && candRanges.isPresent() ? d.sectors()
                        : Math.min(d.sectors(), BLIND_COMPARE_SECTORS);
                for (long[] range : DiskRanges.union(refRanges, candRanges, n)) {
                    for (long first = range[0]; first < range[1]; first += PIECE_SECTORS) {
                        int count = (int) Math.min(PIECE_SECTORS, range[1] - first);
                        List<SectorContent> a = ref.diskContents(d.name(), first, count);
                        int differs = cand instanceof RawDisk raw
                                ? firstDifference(a, buffer, raw.diskBytes(d.name(), first, count, buffer), match)
                                : firstDifference(a, cand.diskContents(d.name(), first, count));
                        if (differs >= 0) {
                            return Optional.of(dataFailure(commands.size(), d.name(), first + differs, a.get(differs),
                                    cand.diskContents(d.name(), first + differs, 1).get(0)));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Failure dataFailure(int steps, String disk, long sector, SectorContent want, SectorContent got) {
        return new Failure(FailureKind.DATA, steps, "(end of script)", "/dev/disk/" + disk
                + " sector " + sector + ": " + reference.name() + " has " + want + ", " + candidate.name() + " has "
                + got, disk, List.of(Clause.GEN_1));
    }

    /** The first index at which the two lists differ (a missing entry differs), or -1. */
    private static int firstDifference(List<SectorContent> a, List<SectorContent> b) {
        for (int i = 0; i < a.size(); i++) {
            if (i >= b.size() || !a.get(i).equals(b.get(i))) {
                return i;
            }
        }
        return b.size() > a.size() ? a.size() : -1;
    }

    /** The first sector whose raw bytes do not classify as {@code a} says (a missing sector differs), or -1. */
    private static int firstDifference(List<SectorContent> a, byte[] b, int sectors, SectorMatch match) {
        for (int i = 0; i < a.size(); i++) {
            if (i >= sectors || !match.holds(b, i * SectorPattern.SECTOR_SIZE, a.get(i))) {
                return i;
            }
        }
        return sectors > a.size() ? a.size() : -1;
    }

    private static List<Clause> clausesOf(StepContext ctx) {
        List<Clause> out = new ArrayList<>();
        for (Clause cl : CLAUSES) {
            if (cl.exercisedBy(ctx)) {
                out.add(cl);
            }
        }
        return out;
    }

    private static String whatDiffers(TranscriptStep a, TranscriptStep b) {
        if (!a.outcome().equals(b.outcome())) {
            return "outcome";
        }
        return !a.kmsg().equals(b.kmsg()) ? "kmsg" : "output";
    }

    private Failure crash(int step, Script script, Throwable e) {
        String echo = step < script.commands().size() ? script.commands().get(step).echo() : "(end of script)";
        return new Failure(FailureKind.CRASH, step, echo, stackText(e), e.getClass().getSimpleName(),
                List.of(Clause.GEN_1));
    }

    private static String stackText(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
