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
        Search st = new Search(config.alphabet(), Invariants.all());
        ModelState start = ModelState.initial();
        for (Command c : config.prefix()) {
            start = Model.step(start, c).next();
        }
        st.index.put(start, 0);
        st.parent.add(-1);
        st.via.add(-1);
        check(start, 0, st.invariants, st.parent, st.via, st.alphabet, st.violations);
        List<ModelState> frontier = List.of(start);
        Tree frontierIds = new Tree();
        frontierIds.add(0);
        int reached = 0;
        for (int level = 1; level <= depth && !frontier.isEmpty(); level++) {
            List<ModelState> next = new ArrayList<>();
            Tree nextIds = new Tree();
            for (int f = 0; f < frontier.size(); f++) {
                expand(st, frontier.get(f), frontierIds.get(f), next, nextIds);
            }
            if (!next.isEmpty()) {
                reached = level;
            }
            frontier = next;
            frontierIds = nextIds;
        }
        lastParent = st.parent;
        lastVia = st.via;
        lastAlphabet = st.alphabet;
        long millis = (System.nanoTime() - t0) / 1_000_000;
        return new ExplorationReport(depth, reached, st.index.size(), st.transitions, millis,
                st.invariants.stream().map(Invariant::id).toList(), new ArrayList<>(st.violations.values()));
    }

    /** Tries every alphabet command from {@code s} (state {@code from}); new states that pass every invariant join {@code next}. */
    private void expand(Search st, ModelState s, int from, List<ModelState> next, Tree nextIds) {
        for (int a = 0; a < st.alphabet.size(); a++) {
            st.transitions++;
            ModelState t;
            try {
                t = Model.next(s, st.alphabet.get(a));
            } catch (RuntimeException | AssertionError e) {
                record(st.violations, "MODEL-CRASH", String.valueOf(e), from, a, st.parent, st.via, st.alphabet);
                continue;
            }
            if (t == s) {
                continue;
            }
            int id = st.parent.size();
            if (st.index.putIfAbsent(t, id) != null) {
                continue;
            }
            st.parent.add(from);
            st.via.add(a);
            if (check(t, id, st.invariants, st.parent, st.via, st.alphabet, st.violations)) {
                next.add(t);
                nextIds.add(id);
            }
        }
    }

    /** The state of one breadth-first search: states seen (by value), the search tree, violations found. */
    private static final class Search {
        final List<Command> alphabet;
        final List<Invariant> invariants;
        final Map<ModelState, Integer> index = new HashMap<>(1 << 16);
        final Tree parent = new Tree();
        final Tree via = new Tree();
        final Map<String, Violation> violations = new LinkedHashMap<>();
        long transitions;

        Search(List<Command> alphabet, List<Invariant> invariants) {
            this.alphabet = alphabet;
            this.invariants = invariants;
        }
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
