package dev.snapref.conformance.fault;

import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.engine.store.DiskFormat;
import dev.snapref.model.BlockRequests;
import dev.snapref.model.FaultPlan;
import dev.snapref.model.Model;
import dev.snapref.model.ModelState;
import dev.snapref.model.ModelLimitation;
import dev.snapref.model.Request;
import dev.snapref.model.RequestKind;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.LoadCommand;
import dev.snapref.scenario.Errno;
import dev.snapref.scenario.Outcome;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.TranscriptStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Fault injection: one fault per script on one cow (a cow stacked on linear devices: the disk
 * beneath it) - EIO on a read, a write or a flush, or a torn write - at a request chosen from the
 * seed among those the script issues. The model and the engine both run the script under that
 * same fault plan, a cow disk starting stale on both sides ({@link StaleCow}; a disk beneath a
 * stacked cow as the script leaves it), and are compared as the differential checker compares any
 * run, then request by request and byte by byte on the cow ({@link FaultedRun}). What a fault does is the model's to
 * say (EIO to the caller, "Invalidating snapshot: Error reading/writing.", a failed metadata
 * commit, what a reload finds); the engine must do exactly that.
 *
 * <p>The request is drawn from the model's own census of the script (a traced run without faults):
 * a cow with writes is picked, then 60% a write, 20% a flush, 20% a read (a write when the cow has
 * none of that kind), the index uniformly; 40% of the writes of more than one sector are torn at a
 * uniform prefix. A merges-only campaign ({@link #FaultCampaign(Set, boolean)}) puts half the faults
 * of its merge-tailed scripts on the merging origin's disk instead, drawn from the requests the
 * merge sends it (its copy, its flush, the copy-outs' reads). Limits: one fault per script; scripts
 * whose cows see no write are counted, not run.
 */
public final class FaultCampaign implements ScriptMode {
    private static final String STEP_BACK_FAILED = "Read error in exception store: shutting down merge";
    private static final String INVALIDATING = "snapshots: Invalidating snapshot: Error reading/writing.";

    private final Set<EngineBug> bugs;
    private final boolean mergesOnly;

    public FaultCampaign(Set<EngineBug> bugs) {
        this(bugs, false);
    }

    /**
     * @param mergesOnly every script that leaves a snapshot to merge gets the merge appended
     *                   ({@link MergeTail}), and its fault is always drawn from the merge's own
     *                   requests: a campaign aimed at "Merge failed" and the merge's error paths
     */
    public FaultCampaign(Set<EngineBug> bugs, boolean mergesOnly) {
        this.bugs = Set.copyOf(bugs);
        this.mergesOnly = mergesOnly;
    }

    @Override
    public String name() {
        return "faults";
    }

    /**
     * A quarter of the scripts (half, for a merges-only campaign: a merge of more exceptions than
     * an area holds steps back into the area before) run with chunk size 1 ({@link SmallChunks}),
     * so that metadata areas fill; a quarter (all, for a merges-only campaign) get {@code lvconvert
     * --merge} appended where they leave a snapshot to merge ({@link MergeTail}), so that faults hit
     * merges too ("Merge failed").
     */
    @Override
    public Script prepare(Script generated, long seed) {
        Random rnd = new Random(seed ^ 0xF11L);
        Script s = rnd.nextInt(mergesOnly ? 2 : 4) == 0 ? SmallChunks.of(generated) : generated;
        return mergesOnly || rnd.nextInt(4) == 0 ? MergeTail.of(s).orElse(s) : s;
    }

    /**
     * A seed's fault plan for a script and the script's cow disks (those a snapshot uses as its cow
     * directly, which start stale; a disk beneath a stacked cow does not).
     */
    record Planned(FaultPlan fault, Set<String> cowDisks) {
    }

    /** The fault plan this seed chooses for {@code script}, or empty when no cow is written. */
    Optional<Planned> plan(Script script, long seed) {
        List<ModelState> states = Model.trace(script).states();
        Set<String> cowDisks = ModelCows.cowDisks(states);
        return faultPlan(script, seed, states).map(f -> new Planned(f, cowDisks));
    }

    private Optional<FaultPlan> faultPlan(Script script, long seed, List<ModelState> states) {
        List<String> cows = new ArrayList<>(ModelCows.cowBackingDisks(states));
        BlockRequests census = BlockRequests.traced(Set.copyOf(cows), null, Map.of());
        Model.trace(script, census);
        Random rnd = new Random(seed ^ 0x5EEDFA17L);
        boolean tailed = script.name().endsWith(MergeTail.SUFFIX);
        if (mergesOnly && tailed) {
            Optional<FaultPlan> stepBack = stepBackPlan(script, census, rnd);
            if (stepBack.isPresent()) {
                return stepBack;
            }
        }
        if (mergesOnly && tailed && rnd.nextBoolean()) {
            Optional<FaultPlan> onOrigin = originPlan(script, rnd);
            if (onOrigin.isPresent()) {
                return onOrigin;
            }
        }
        List<String> used = cows.stream().filter(c -> count(census.log(c), RequestKind.WRITE) > 0).toList();
        if (used.isEmpty()) {
            return Optional.empty();
        }
        String cow = used.get(rnd.nextInt(used.size()));
        List<Request> log = census.log(cow);
        int roll = rnd.nextInt(10);
        RequestKind kind = roll < 6 || count(log, roll < 8 ? RequestKind.FLUSH : RequestKind.READ) == 0
                ? RequestKind.WRITE : roll < 8 ? RequestKind.FLUSH : RequestKind.READ;
        int total = count(log, kind);
        int from = tailed && (mergesOnly || rnd.nextBoolean()) ? count(beforeMergeTail(script, cow), kind) : 0;
        int index = from < total ? from + rnd.nextInt(total - from) : rnd.nextInt(total);
        FaultPlan.Rule rule = FaultPlan.Rule.eio(kind, index);
        if (kind == RequestKind.WRITE && rnd.nextInt(10) < 4) {
            Request w = log.stream().filter(r -> r.kind() == RequestKind.WRITE && r.kindIndex() == index)
                    .findFirst().orElseThrow();
            if (w.count() > 1) {
                rule = FaultPlan.Rule.torn(index, rnd.nextInt((int) w.count()));
            }
        }
        return Optional.of(new FaultPlan(cow, List.of(rule)));
    }

    /**
     * A fault on the merging origin's disk, drawn from the requests the merge tail sends it (the
     * merge's copy to the origin, its flush, the copy-outs' reads: "Write error" and "Flush after
     * merge failed"), or empty when the tail sends it none. Half writes, a third flushes, a sixth
     * reads (a write when the tail has none of the kind drawn); never torn.
     */
    private static Optional<FaultPlan> originPlan(Script script, Random rnd) {
        String origin = mergeOrigin(script).orElseThrow();
        BlockRequests census = BlockRequests.traced(Set.of(origin), null, Map.of());
        Model.trace(script, census);
        List<Request> log = census.log(origin);
        int roll = rnd.nextInt(6);
        RequestKind kind = roll < 3 ? RequestKind.WRITE : roll < 5 ? RequestKind.FLUSH : RequestKind.READ;
        List<Request> before = beforeMergeTail(script, origin);
        if (count(log, kind) <= count(before, kind)) {
            kind = RequestKind.WRITE;
        }
        int from = count(before, kind);
        int total = count(log, kind);
        if (total <= from) {
            return Optional.empty();
        }
        return Optional.of(new FaultPlan(origin, List.of(FaultPlan.Rule.eio(kind, from + rnd.nextInt(total - from)))));
    }

    /**
     * For half the merge-tailed scripts whose merge steps back into an earlier metadata area
     * (persistent_prepare_merge re-reading the area before it once the last one's exceptions are
     * merged: more exceptions than one area holds, e.g. chunk size 1), EIO on one of those area
     * reads ("Read error in exception store: shutting down merge"); else empty. They are the tail's
     * only reads of the merging cow's area chunks.
     */
    private static Optional<FaultPlan> stepBackPlan(Script script, BlockRequests census, Random rnd) {
        String[] table = mergeTable(script);
        String cow = table[4].substring(table[4].lastIndexOf('/') + 1);
        long chunk = Long.parseLong(table[6]);
        if (!rnd.nextBoolean() || census.log(cow).isEmpty()) {
            return Optional.empty();
        }
        List<Request> log = census.log(cow);
        long e = DiskFormat.exceptionsPerArea(chunk);
        int from = count(beforeMergeTail(script, cow), RequestKind.READ);
        List<Request> areaReads = log.stream().filter(r -> r.kind() == RequestKind.READ && r.kindIndex() >= from
                && r.sector() % chunk == 0 && DiskFormat.isAreaChunk(e, r.sector() / chunk)).toList();
        if (areaReads.isEmpty()) {
            return Optional.empty();
        }
        Request r = areaReads.get(rnd.nextInt(areaReads.size()));
        return Optional.of(new FaultPlan(cow, List.of(FaultPlan.Rule.eio(RequestKind.READ, r.kindIndex()))));
    }

    /** The words of a merge-tailed script's {@code snapshot-merge} table: START LEN snapshot-merge ORIGIN COW P CHUNK. */
    private static String[] mergeTable(Script script) {
        List<Command> cmds = script.commands();
        String[] table = ((LoadCommand) cmds.get(cmds.size() - MergeTail.COMMANDS)).table().split(" ");
        assert table.length == 7 && table[2].equals("snapshot-merge") : "the merge tail loads snapshot-merge";
        return table;
    }

    /** The origin disk a merge-tailed script's tail merges into, or empty for a script without the tail. */
    private static Optional<String> mergeOrigin(Script script) {
        if (!script.name().endsWith(MergeTail.SUFFIX)) {
            return Optional.empty();
        }
        String[] table = mergeTable(script);
        return Optional.of(table[3].substring(table[3].lastIndexOf('/') + 1));
    }

    /**
     * The requests that reach {@code disk} before the merge tail ({@link MergeTail}) of
     * {@code script}, counted to draw a fault after them: half the faults of a merge-tailed script are drawn from the merge's own
     * requests (the handover and the merge's reads, commits and flushes), so that "Merge failed"
     * is reached, not only the earlier I/O.
     */
    private static List<Request> beforeMergeTail(Script script, String disk) {
        List<Command> cmds = script.commands();
        Script prefix = Script.of(script.name(), cmds.subList(0, cmds.size() - MergeTail.COMMANDS));
        BlockRequests census = BlockRequests.traced(Set.of(disk), null, Map.of());
        Model.trace(prefix, census);
        return census.log(disk);
    }

    private static int count(List<Request> log, RequestKind kind) {
        int n = 0;
        for (Request r : log) {
            n += r.kind() == kind ? 1 : 0;
        }
        return n;
    }

    /** A step in which a merge stopped on an I/O error (its kmsg or a "Merge failed" status). */
    private static boolean mergeFailed(TranscriptStep t) {
        return t.kmsg().stream().anyMatch(k -> k.contains("shutting down merge") || k.contains("Flush after merge"))
                || t.output().stream().anyMatch(o -> o.contains("Merge failed"));
    }

    /**
     * The plain campaign runs LVM stacks too: a stacked cow's faults and request log are on the
     * disk beneath it ({@link ModelCows#cowBackingDisks}), which starts as the script leaves it (not
     * stale: it holds the origin's data too). The merges-only campaign keeps to the classic scripts,
     * the ones its merge tail applies to.
     */
    @Override
    public boolean withStacks() {
        return !mergesOnly;
    }

    @Override
    public List<String> describe(Script script, long seed) {
        return List.of("faults: " + plan(script, seed).map(p -> p.fault().toString()).orElse("none (no cow I/O)"));
    }

    @Override
    public Optional<Finding> check(Script script, long seed, Map<String, Long> counts) {
        try {
            return checkPlanned(script, seed, counts);
        } catch (ModelLimitation outOfScope) {
            // an LVM script with a request that would wait on a suspended lower device: skipped, as
            // every checker skips it
            counts.merge("scripts-out-of-scope", 1L, Long::sum);
            return Optional.empty();
        } catch (RuntimeException | AssertionError e) {
            return Optional.of(new Finding("faults:java-exception:" + e.getClass().getSimpleName(), String.valueOf(e)
                    + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?")));
        }
    }

    private Optional<Finding> checkPlanned(Script script, long seed, Map<String, Long> counts) {
        Optional<Planned> planned = plan(script, seed);
        if (planned.isEmpty()) {
            counts.merge("scripts-without-cow-io", 1L, Long::sum);
            return Optional.empty();
        }
        FaultPlan plan = planned.get().fault();
        String cow = plan.disk();
        long sectors = ModelCows.declaredSectors(script, cow);
        boolean onOrigin = mergeOrigin(script).filter(cow::equals).isPresent();
        boolean stale = !onOrigin && planned.get().cowDisks().contains(cow);
        if (!stale && !onOrigin) {
            counts.merge("faults-under-stacked-cows", 1L, Long::sum);
        }
        FaultedRun.Outcome run = FaultedRun.run(name(), script, bugs, Set.of(cow), plan,
                stale ? Map.of(cow, StaleCow.disk(cow, sectors)) : Map.of(),
                stale ? Map.of(cow, StaleCow.image(sectors)) : Map.of());
        if (onOrigin) {
            counts.merge("faults-on-merge-origin", 1L, Long::sum);
        }
        counts.merge("commands", (long) run.check().stepsChecked(), Long::sum);
        counts.merge(run.model().fired().isEmpty() ? "faults-not-reached" : "faults-fired", 1L, Long::sum);
        FaultPlan.Rule rule = plan.rules().get(0);
        counts.merge("fault-" + rule.kind().word() + (rule.torn() ? "-torn" : "-eio"), 1L, Long::sum);
        List<TranscriptStep> steps = run.check().reference().steps();
        if (steps.stream().anyMatch(t -> t.kmsg().contains(INVALIDATING))) {
            counts.merge("scripts-with-io-invalidation", 1L, Long::sum);
        }
        if (steps.stream().anyMatch(t -> t.outcome().equals(Outcome.error(Errno.EIO)))) {
            counts.merge("scripts-with-eio", 1L, Long::sum);
        }
        if (steps.stream().anyMatch(FaultCampaign::mergeFailed)) {
            counts.merge("scripts-with-merge-failed", 1L, Long::sum);
        }
        if (steps.stream().anyMatch(t -> t.kmsg().stream().anyMatch(k -> k.contains(STEP_BACK_FAILED)))) {
            counts.merge("scripts-with-merge-area-read-error", 1L, Long::sum);
        }
        if (run.finding().isEmpty() && run.check().passed()) {
            long disks = run.modelState().disks().size();
            counts.merge("origin-disks-verified", disks - ModelCows.cowBackingDisks(List.of(run.modelState())).size(),
                    Long::sum);
            counts.merge(onOrigin ? "merge-origin-disks-verified" : "cow-disks-verified", 1L, Long::sum);
            counts.merge("requests-compared", (long) run.model().log(cow).size(), Long::sum);
        }
        return run.finding().map(f -> new Finding(f.signature(), f.detail() + "\nfault plan: " + plan));
    }
}
