package dev.snapref.model.explore;

import dev.snapref.model.Invariant;
import dev.snapref.model.Invariants;
import dev.snapref.model.Model;
import dev.snapref.model.ModelState;
import dev.snapref.model.StateFingerprint;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.Script;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Exhaustive breadth-first search of the model's reachable states from
 * {@link ExplorerConfig#prefix()}, trying every command of the alphabet from every state, up to a
 * depth, in the manner of TLC: the visited set holds 64-bit fingerprints ({@link StateFingerprint},
 * {@link FingerprintSet}), the search tree holds each state's parent and command ({@link
 * SearchTree}), and no full state is kept between levels (a level's states are re-derived from the
 * tree, see {@link LevelExpansion}). Levels are expanded by parallel workers. Every invariant is
 * checked on every new state; a violation is reported with a shortest script reaching it.
 *
 * <p><b>Guarantees.</b> Within the bound every state reachable through states that keep the
 * invariants is checked once. The states, transitions, tree and reported scripts are those of a
 * sequential breadth-first search, whatever the number of workers: a state's parent is the first
 * state, in breadth-first order, with a command to it, and of that state's commands the first. A
 * violation's script is as short as any: its length is the state's breadth-first level.
 *
 * <p><b>Limits.</b> Two distinct states with the same fingerprint count as one (probability
 * bounded in {@link StateFingerprint}). Memory is about 30 to 45 bytes a state (visited set and
 * tree), whatever the states hold; time is one {@link Model#next} per transition plus one per tree
 * edge and level for the re-derivation.
 */
public final class Explorer {
    private final ExplorerConfig config;
    private final int workers;
    private final ExplorationProgress progress;
    private final List<Command> alphabet;
    private final List<Invariant> invariants;
    private SearchTree lastTree;

    /** One worker, no progress. */
    public Explorer(ExplorerConfig config) {
        this(config, 1, ExplorationProgress.NONE);
    }

    /** {@code workers} parallel workers (1: the calling thread alone), reporting to {@code progress}. */
    public Explorer(ExplorerConfig config, int workers, ExplorationProgress progress) {
        this(config, workers, progress, Invariants.all());
    }

    /** The same, checking {@code invariants} instead of the model's (tests plant one that fails). */
    Explorer(ExplorerConfig config, int workers, ExplorationProgress progress, List<Invariant> invariants) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        this.config = config;
        this.workers = workers;
        this.progress = progress;
        this.alphabet = config.alphabet();
        this.invariants = List.copyOf(invariants);
        if (alphabet.size() > 256) {
            throw new IllegalArgumentException("at most 256 alphabet commands");
        }
    }

    /**
     * The shortest scripts to at most {@code limit} leaves of the last exploration's search tree
     * (states none of whose successors was new), spread evenly over the tree in breadth-first
     * order. Each script reaches its state in the fewest commands, so together they exercise
     * the explored state graph with little repetition (conformance runs them on other targets).
     *
     * @throws IllegalStateException before {@link #explore}
     */
    public List<Script> leafScripts(int limit) {
        if (lastTree == null) {
            throw new IllegalStateException("explore first");
        }
        List<Integer> leaves = new ArrayList<>();
        for (int id = 0; id < lastTree.size(); id++) {
            if (lastTree.firstChild(id) < 0) {
                leaves.add(id);
            }
        }
        List<Script> out = new ArrayList<>();
        int n = Math.min(limit, leaves.size());
        for (int k = 0; k < n; k++) {
            int id = leaves.get((int) ((long) k * leaves.size() / n));
            out.add(Script.of("explore-" + id, script(lastTree.commandsTo(id), -1).commands()));
        }
        return out;
    }

    /** Explores to {@code depth} commands after the prefix. */
    public ExplorationReport explore(int depth) {
        long t0 = System.nanoTime();
        ModelState start = ModelState.initial();
        for (Command c : config.prefix()) {
            start = Model.step(start, c).next();
        }
        SearchTree tree = new SearchTree();
        FingerprintSet seen = new FingerprintSet();
        seen.addOrLower(StateFingerprint.of(start), FingerprintSet.edge(0, 0, 0));
        Map<String, Violation> violations = new LinkedHashMap<>();
        for (Invariant inv : invariants) {
            inv.check(start).ifPresent(m -> {
                violations.putIfAbsent(inv.id(), new Violation(inv.id(), m, script(new int[0], -1)));
                tree.markBroken(0);
            });
        }
        long transitions = runLevels(depth, start, tree, seen, violations, t0);
        lastTree = tree;
        int reached = tree.levels() - 1;
        while (reached > 0 && tree.levelStart(reached) == tree.levelStart(reached + 1)) {
            reached--;
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        return new ExplorationReport(depth, reached, tree.size(), transitions, millis,
                invariants.stream().map(Invariant::id).toList(), new ArrayList<>(violations.values()),
                seen.bytes() + tree.bytes(), workers, config.name());
    }

    private long runLevels(int depth, ModelState start, SearchTree tree, FingerprintSet seen,
                           Map<String, Violation> violations, long t0) {
        ExecutorService pool = workers > 1 ? Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "explorer");
            t.setDaemon(true);
            return t;
        }) : null;
        long transitions = 0;
        try {
            for (int level = 0; level < depth; level++) {
                int from = tree.levelStart(level);
                int to = tree.levelStart(level + 1);
                if (from == to) {
                    break;
                }
                LevelExpansion x = new LevelExpansion(tree, seen, alphabet, invariants, start, level);
                int next = level + 1;
                Runnable tick = () -> progress.update(next, depth, x.expanded(), to - from, seen.size(),
                        System.nanoTime() - t0);
                LevelExpansion.Found found = x.run(pool, workers, tick);
                transitions += found.transitions;
                addLevel(found, tree, seen, violations);
                progress.update(next, depth, to - from, to - from, tree.size(), System.nanoTime() - t0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("exploration interrupted", e);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        return transitions;
    }

    /**
     * Gives the level's new states their ids in (parent, command) order, marks the ones that
     * broke an invariant, and records the first violation of each invariant (least id) and the
     * first step that threw (least edge).
     */
    private void addLevel(LevelExpansion.Found found, SearchTree tree, FingerprintSet seen,
                          Map<String, Violation> violations) {
        long[] edges = new long[found.added];
        for (int i = 0; i < found.added; i++) {
            edges[i] = seen.edgeOf(found.fps[i]);
        }
        Arrays.parallelSort(edges);
        int base = tree.size();
        for (long e : edges) {
            tree.add((int) FingerprintSet.parent(e), FingerprintSet.command(e));
        }
        tree.endLevel();
        Map<String, LevelExpansion.Broken> first = new LinkedHashMap<>();
        Map<String, Integer> firstId = new java.util.HashMap<>();
        for (LevelExpansion.Broken b : found.broken) {
            int id = base + Arrays.binarySearch(edges, seen.edgeOf(b.fp()));
            tree.markBroken(id);
            if (!firstId.containsKey(b.invariant()) || id < firstId.get(b.invariant())) {
                firstId.put(b.invariant(), id);
                first.put(b.invariant(), b);
            }
        }
        firstId.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> violations.putIfAbsent(
                e.getKey(), new Violation(e.getKey(), first.get(e.getKey()).message(),
                        script(tree.commandsTo(e.getValue()), -1))));
        if (found.crash != null) {
            long e = found.crash.edge();
            violations.putIfAbsent("MODEL-CRASH", new Violation("MODEL-CRASH", found.crash.message(),
                    script(tree.commandsTo((int) FingerprintSet.parent(e)), FingerprintSet.command(e))));
        }
    }

    /** The script of the prefix, then the alphabet commands {@code path}, then command {@code extra} when >= 0. */
    private Script script(int[] path, int extra) {
        List<Command> all = new ArrayList<>(config.prefix());
        for (int c : path) {
            all.add(alphabet.get(c));
        }
        if (extra >= 0) {
            all.add(alphabet.get(extra));
        }
        return Script.of("explore", all);
    }
}
