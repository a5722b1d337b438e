package dev.snapref.model.explore;

import dev.snapref.model.Invariant;
import dev.snapref.model.Model;
import dev.snapref.model.ModelState;
import dev.snapref.model.StateFingerprint;
import dev.snapref.scenario.Command;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One breadth-first level: every state of level {@code L} that kept the invariants is expanded by
 * every alphabet command, and each successor whose fingerprint is new is checked against every
 * invariant and recorded for level {@code L + 1}.
 *
 * <p>No state is stored between levels: a worker re-derives the states of level {@code L} by
 * walking the search tree depth first from a subtree root, applying each edge's command to its
 * parent's state ({@link Model#next} is a pure function, so it gets the very state that was found).
 * The subtrees are those of the shallowest level with at least {@value #TASKS_PER_WORKER} per
 * worker, handed to the workers from a queue; the walk costs one step per tree edge, a few percent
 * of the alphabet's steps from every state. At most one path of full states per worker is alive.
 *
 * <p>Guarantees: the result does not depend on the number of workers or their timing (the visited
 * set keeps the least edge into each new state; the caller orders by it). Limits: a worker holds
 * the fingerprints of the states it added until the level ends (8 bytes each).
 */
final class LevelExpansion {
    static final int TASKS_PER_WORKER = 64;

    /** An invariant broken by the new state {@code fp}. */
    record Broken(String invariant, long fp, String message) {
    }

    /** A step that threw, by its edge (from state, command). */
    record Crash(long edge, String message) {
    }

    /** What the tasks of a level found. */
    static final class Found {
        long[] fps = new long[256];
        int added;
        final List<Broken> broken = new ArrayList<>();
        Crash crash;
        long transitions;

        void add(long fp) {
            if (added == fps.length) {
                fps = Arrays.copyOf(fps, added * 2);
            }
            fps[added++] = fp;
        }

        void crash(long edge, String message) {
            if (crash == null || edge < crash.edge()) {
                crash = new Crash(edge, message);
            }
        }

        void merge(Found o) {
            for (int i = 0; i < o.added; i++) {
                add(o.fps[i]);
            }
            broken.addAll(o.broken);
            if (o.crash != null) {
                crash(o.crash.edge(), o.crash.message());
            }
            transitions += o.transitions;
        }
    }

    private final SearchTree tree;
    private final FingerprintSet seen;
    private final List<Command> alphabet;
    private final List<Invariant> invariants;
    private final ModelState start;
    private final int level;
    private final AtomicLong expanded = new AtomicLong();

    LevelExpansion(SearchTree tree, FingerprintSet seen, List<Command> alphabet, List<Invariant> invariants,
                   ModelState start, int level) {
        this.tree = tree;
        this.seen = seen;
        this.alphabet = alphabet;
        this.invariants = invariants;
        this.start = start;
        this.level = level;
    }

    /** States of the level expanded so far (for progress). */
    long expanded() {
        return expanded.get();
    }

    /**
     * Expands the level on {@code pool} ({@code null}: in this thread), calling {@code tick}
     * about twice a second while it waits.
     */
    Found run(ExecutorService pool, int workers, Runnable tick) throws InterruptedException {
        int split = splitLevel(workers);
        Found all = new Found();
        if (pool == null) {
            for (int r = tree.levelStart(split); r < tree.levelStart(split + 1); r++) {
                all.merge(task(r, split));
                tick.run();
            }
            return all;
        }
        List<Future<Found>> futures = new ArrayList<>();
        for (int r = tree.levelStart(split); r < tree.levelStart(split + 1); r++) {
            int root = r;
            futures.add(pool.submit(() -> task(root, split)));
        }
        for (Future<Found> f : futures) {
            all.merge(await(f, tick));
        }
        return all;
    }

    private static Found await(Future<Found> f, Runnable tick) throws InterruptedException {
        while (true) {
            try {
                return f.get(500, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                tick.run();
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException r) {
                    throw r;
                }
                if (c instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(c);
            }
        }
    }

    /** The shallowest level with enough subtrees for the workers (at most the level expanded). */
    private int splitLevel(int workers) {
        for (int l = 0; l < level; l++) {
            if (tree.levelStart(l + 1) - tree.levelStart(l) >= (long) TASKS_PER_WORKER * workers) {
                return l;
            }
        }
        return level;
    }

    /** Re-derives the state of {@code root} (at level {@code rootLevel}) and expands its subtree's level-{@code level} states. */
    private Found task(int root, int rootLevel) {
        Found out = new Found();
        if (tree.broken(root)) {
            return out;
        }
        ModelState s = start;
        for (int c : tree.commandsTo(root)) {
            s = Model.next(s, alphabet.get(c));
        }
        walk(root, s, rootLevel, out);
        return out;
    }

    private void walk(int id, ModelState s, int at, Found out) {
        if (at == level) {
            expand(id, s, out);
            return;
        }
        int child = tree.firstChild(id);
        if (child < 0) {
            return;
        }
        for (int c = child; c < tree.size() && tree.parent(c) == id; c++) {
            if (!tree.broken(c)) {
                walk(c, Model.next(s, alphabet.get(tree.command(c))), at + 1, out);
            }
        }
    }

    /** Every alphabet command from state {@code id}: new successors are added to the visited set and checked. */
    private void expand(int id, ModelState s, Found out) {
        for (int a = 0; a < alphabet.size(); a++) {
            out.transitions++;
            long edge = FingerprintSet.edge(level + 1, id, a);
            ModelState t;
            try {
                t = Model.next(s, alphabet.get(a));
            } catch (RuntimeException | AssertionError e) {
                out.crash(edge, String.valueOf(e));
                continue;
            }
            if (t == s) {
                continue;
            }
            long fp = StateFingerprint.of(t);
            if (seen.addOrLower(fp, edge)) {
                out.add(fp);
                check(t, fp, out);
            }
        }
        expanded.incrementAndGet();
    }

    private void check(ModelState t, long fp, Found out) {
        for (Invariant inv : invariants) {
            Optional<String> v = inv.check(t);
            if (v.isPresent()) {
                out.broken.add(new Broken(inv.id(), fp, v.get()));
            }
        }
    }
}
