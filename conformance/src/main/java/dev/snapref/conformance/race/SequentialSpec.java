package dev.snapref.conformance.race;

import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.conformance.targets.TargetSession;
import dev.snapref.model.WorldAbstraction;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.DiskCommand;
import dev.snapref.scenario.Outcome;
import dev.snapref.scenario.SectorContent;
import dev.snapref.scenario.TranscriptStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model as the sequential specification of a race: the per-operation adapter that runs the
 * scenario's operations one at a time on the model, in an order, and says what each returns. A
 * controlled run is admitted when some order of its operations (each thread's in program order,
 * an operation that ended before another began placed before it: linearizability) gives, on the
 * model, the same result for every operation, the same kernel messages (as a multiset), the
 * same check transcript, the same abstract world and the same disks.
 *
 * <p>An order in which an I/O reaches a suspended device is not a valid order: in the model it
 * would print {@code -> blocked}; a real process waits, so its operation takes effect later.
 * Orders are run on the model once each and cached: a scenario of n operations has at most n!.
 */
final class SequentialSpec {
    /** What the model gives for one order; {@code ops} indexed like the scenario's threads. */
    record Expected(List<TranscriptStep> setup, List<List<TranscriptStep>> ops, List<String> kmsg,
                    List<TranscriptStep> check, WorldAbstraction world, Map<String, List<SectorContent>> disks) {
    }

    private final SteppableTarget model;
    private final RaceScenario scenario;
    private final Map<List<Integer>, Optional<Expected>> orders = new HashMap<>();

    SequentialSpec(SteppableTarget model, RaceScenario scenario) {
        this.model = model;
        this.scenario = scenario;
    }

    /** Empty when {@code run} is admitted; else what differs from the closest valid order. */
    Optional<String> verdict(RaceRun run) {
        if (run.abnormal().isPresent()) {
            return run.abnormal();
        }
        List<String> best = null;
        for (List<Integer> order : validOrders(run)) {
            Optional<Expected> e = expected(order);
            if (e.isEmpty()) {
                continue;
            }
            List<String> diffs = SpecComparison.differences(run, e.get(), order);
            if (diffs.isEmpty()) {
                return Optional.empty();
            }
            if (best == null || diffs.size() < best.size()) {
                best = diffs;
            }
        }
        if (best == null) {
            return Optional.of("no order of the operations runs on the model without blocking");
        }
        return Optional.of(String.join("; ", best.subList(0, Math.min(3, best.size()))));
    }

    /** The orders (thread of each position) that respect program order and the run's real-time order. */
    List<List<Integer>> validOrders(RaceRun run) {
        int n = scenario.threads().size();
        RaceRun.Op[][] ops = new RaceRun.Op[n][];
        for (int t = 0; t < n; t++) {
            ops[t] = new RaceRun.Op[scenario.threads().get(t).size()];
        }
        for (RaceRun.Op op : run.ops()) {
            ops[op.thread()][op.index()] = op;
        }
        List<List<Integer>> out = new ArrayList<>();
        extend(ops, new int[n], new ArrayList<>(), new ArrayList<>(), out);
        return out;
    }

    private static void extend(RaceRun.Op[][] ops, int[] next, List<Integer> order, List<RaceRun.Op> placed,
                               List<List<Integer>> out) {
        boolean any = false;
        for (int t = 0; t < ops.length; t++) {
            if (next[t] >= ops[t].length) {
                continue;
            }
            any = true;
            RaceRun.Op op = ops[t][next[t]];
            if (!fitsAfter(op, ops, next)) {
                continue;
            }
            next[t]++;
            order.add(t);
            placed.add(op);
            extend(ops, next, order, placed, out);
            placed.remove(placed.size() - 1);
            order.remove(order.size() - 1);
            next[t]--;
        }
        if (!any) {
            out.add(List.copyOf(order));
        }
    }

    /** Whether no operation still to be placed ended before {@code op} began. */
    private static boolean fitsAfter(RaceRun.Op op, RaceRun.Op[][] ops, int[] next) {
        for (int t = 0; t < ops.length; t++) {
            for (int k = next[t]; k < ops[t].length; k++) {
                if (ops[t][k] != op && ops[t][k].before(op)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The model's results for {@code order}; empty when an I/O of it would block. */
    Optional<Expected> expected(List<Integer> order) {
        return orders.computeIfAbsent(order, this::runOrder);
    }

    private Optional<Expected> runOrder(List<Integer> order) {
        try (TargetSession s = model.open()) {
            List<TranscriptStep> setup = new ArrayList<>();
            for (Command c : scenario.setup()) {
                setup.add(s.apply(c));
            }
            List<List<TranscriptStep>> ops = new ArrayList<>();
            scenario.threads().forEach(t -> ops.add(new ArrayList<>()));
            List<String> kmsg = new ArrayList<>();
            int[] next = new int[scenario.threads().size()];
            for (int t : order) {
                TranscriptStep step = s.apply(scenario.threads().get(t).get(next[t]++));
                if (step.outcome().equals(Outcome.BLOCKED)) {
                    return Optional.empty();
                }
                kmsg.addAll(step.kmsg());
                ops.get(t).add(step);
            }
            kmsg.sort(null);
            List<TranscriptStep> check = new ArrayList<>();
            for (Command c : scenario.check()) {
                check.add(s.apply(c));
            }
            Map<String, List<SectorContent>> disks = new LinkedHashMap<>();
            for (Command c : scenario.setup()) {
                if (c instanceof DiskCommand d) {
                    disks.put(d.name(), s.diskContents(d.name(), 0, (int) Math.min(d.sectors(), 1 << 12)));
                }
            }
            return Optional.of(new Expected(setup, ops, kmsg, check, s.world(), disks));
        }
    }
}
