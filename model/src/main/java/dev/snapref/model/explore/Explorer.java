package dev.snapref.model.explore;

import dev.snapref.model.Invariant;
import dev.snapref.model.Invariants;
import dev.snapref.model.Model;
import dev.snapref.model.ModelState;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.Script;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Exhaustive breadth-first search of the model's reachable states from
 * {@link ExplorerConfig#prefix()}, trying every command of the alphabet from every state, up
 * to a depth. States are deduplicated by value ({@link ModelState#equals}); every invariant is
 * checked on every new state; a violation is reported with the shortest script reaching it.
 *
 * <p>Guarantees: within the bound, every reachable state is checked (no hashing compaction:
 * full states are kept). Limits: the bound is on depth and the alphabet; memory grows with the
 * number of distinct states.
 */
public final class Explorer {
    private final ExplorerConfig config;

    public Explorer(ExplorerConfig config) {
        this.config = config;
    }

    private Tree lastParent;
    private Tree lastVia;
    private List<Command> lastAlphabet;

    /**
     * The shortest scripts to at most {@code limit} leaves of the last exploration's search tree
     * (states none of whose successors was new), spread evenly over the tree in breadth-first
     * order. Each script reaches its state in the fewest commands, so together they exercise
     * the explored state graph with little repetition (conformance runs them on other targets).
     *
     * @throws IllegalStateException before {@link #explore}
     */
    public List<Script> leafScripts(int limit) {
        if (lastParent == null) {
            throw new IllegalStateException("explore first");
        }
        boolean[] hasChild = new boolean[lastParent.size()];
        for (int id = 1; id < lastParent.size(); id++) {
            hasChild[lastParent.get(id)] = true;
        }
        List<Integer> leaves = new ArrayList<>();
        for (int id = 0; id < hasChild.length; id++) {
            if (!hasChild[id]) {
                leaves.add(id);
            }
        }
        List<Script> out = new ArrayList<>();
        int n = Math.min(limit, leaves.size());
        for (int k = 0; k < n; k++) {
            int id = leaves.get((int) ((long) k * leaves.size() / n));
            Script sc = script(id, -1, lastParent, lastVia, lastAlphabet);
            out.add(Script.of("explore-" + id, sc.commands()));
        }
        return out;
    }

    /** Explores to {@code depth} commands after the prefix. */
    public ExplorationReport explore(int depth) {
        long t0 = System.nanoTime();
        List<Command> alphabet = config.alphabet();
        List<Invariant> invariants = Invariants.all();
        ModelState start = ModelState.initial();
        for (Command c : config.prefix()) {
            start = Model.step(start, c).next();
        }
        Map<ModelState, Integer> index = new HashMap<>(1 << 16);
        Tree parent = new Tree();
        Tree via = new Tree();
        Map<String, Violation> violations = new LinkedHashMap<>();
        index.put(start, 0);
        parent.add(-1);
        via.add(-1);
        check(start, 0, invariants, parent, via, alphabet, violations);
        List<ModelState> frontier = List.of(start);
        Tree frontierIds = new Tree();
        frontierIds.add(0);
        long transitions = 0;
        int reached = 0;
        for (int level = 1; level <= depth && !frontier.isEmpty(); level++) {
            List<ModelState> next = new ArrayList<>();
            Tree nextIds = new Tree();
            for (int f = 0; f < frontier.size(); f++) {
                ModelState s = frontier.get(f);
                int from = frontierIds.get(f);
                for (int a = 0; a < alphabet.size(); a++) {
                    transitions++;
                    ModelState t;
                    try {
                        t = Model.next(s, alphabet.get(a));
                    } catch (RuntimeException | AssertionError e) {
                        record(violations, "MODEL-CRASH", String.valueOf(e), from, a, parent, via, alphabet);
                        continue;
                    }
                    if (t == s) {
                        continue;
                    }
                    int id = parent.size();
                    if (index.putIfAbsent(t, id) != null) {
                        continue;
                    }
                    parent.add(from);
                    via.add(a);
                    if (check(t, id, invariants, parent, via, alphabet, violations)) {
                        next.add(t);
                        nextIds.add(id);
                    }
                }
            }
            if (!next.isEmpty()) {
                reached = level;
            }
            frontier = next;
            frontierIds = nextIds;
        }
        lastParent = parent;
        lastVia = via;
        lastAlphabet = alphabet;
        long millis = (System.nanoTime() - t0) / 1_000_000;
        return new ExplorationReport(depth, reached, index.size(), transitions, millis,
                invariants.stream().map(Invariant::id).toList(), new ArrayList<>(violations.values()));
    }

    /** Checks every invariant; records violations; true when the state may be expanded. */
    private boolean check(ModelState s, int id, List<Invariant> invariants, Tree parent, Tree via,
                          List<Command> alphabet, Map<String, Violation> violations) {
        boolean ok = true;
        for (Invariant inv : invariants) {
            Optional<String> v = inv.check(s);
            if (v.isPresent()) {
                ok = false;
                if (!violations.containsKey(inv.id())) {
                    violations.put(inv.id(), new Violation(inv.id(), v.get(), script(id, -1, parent, via, alphabet)));
                }
            }
        }
        return ok;
    }

    private void record(Map<String, Violation> violations, String id, String message, int from, int a,
                        Tree parent, Tree via, List<Command> alphabet) {
        violations.putIfAbsent(id, new Violation(id, message, script(from, a, parent, via, alphabet)));
    }

    /** A growable int array: parent and command index of each state, by state id. */
    private static final class Tree {
        private int[] a = new int[1024];
        private int size;

        void add(int v) {
            if (size == a.length) {
                a = java.util.Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        int get(int i) {
            return a[i];
        }

        int size() {
            return size;
        }
    }

    /** The script reaching state {@code id} (plus alphabet command {@code extra} when >= 0). */
    private Script script(int id, int extra, Tree parent, Tree via, List<Command> alphabet) {
        List<Command> path = new ArrayList<>();
        for (int s = id; s > 0; s = parent.get(s)) {
            path.add(0, alphabet.get(via.get(s)));
        }
        if (extra >= 0) {
            path.add(alphabet.get(extra));
        }
        List<Command> all = new ArrayList<>(config.prefix());
        all.addAll(path);
        return Script.of("explore", all);
    }
}
