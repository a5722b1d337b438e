package dev.snapref.model.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The breadth-first search tree, without states: for each state id, its parent's id and the
 * alphabet command that reached it, and the id of its first child. Ids are given level by level,
 * and within a level in (parent, command) order, so the children of a state are consecutive ids
 * and a level is a range of ids. A state that broke an invariant is marked and never expanded.
 *
 * <p>Guarantees: the tree a sequential breadth-first search would build (see {@link
 * FingerprintSet}); {@link #commandsTo} is a shortest path from the start. Not thread-safe: it
 * grows only between levels, while no worker reads it. Limits: 9 bytes a state (int parent, byte
 * command, int first child) plus a bit for the broken ones; below 2^31 states.
 */
final class SearchTree {
    private int[] parent = new int[1024];
    private byte[] command = new byte[1024];
    private int[] firstChild = new int[1024];
    private final BitSet broken = new BitSet();
    private final List<Integer> levelStarts = new ArrayList<>(List.of(0));
    private int size;

    /** Adds the start state (id 0, level 0). */
    SearchTree() {
        add(-1, 0);
        levelStarts.add(1);
    }

    /** Adds a state reached from {@code from} by command {@code via}; ids must come in (parent, command) order. */
    int add(int from, int via) {
        if (size == parent.length) {
            int n = size * 2;
            parent = Arrays.copyOf(parent, n);
            command = Arrays.copyOf(command, n);
            firstChild = Arrays.copyOf(firstChild, n);
        }
        assert from < size && (size == 0 || from >= parent[size - 1]) : "children in parent order";
        int id = size++;
        parent[id] = from;
        command[id] = (byte) via;
        firstChild[id] = -1;
        if (from >= 0 && firstChild[from] < 0) {
            firstChild[from] = id;
        }
        return id;
    }

    /** Closes the level whose states were just added: the next {@link #add} starts a new level. */
    void endLevel() {
        levelStarts.add(size);
    }

    int size() {
        return size;
    }

    /** Levels closed so far (the start state's level 0 included). */
    int levels() {
        return levelStarts.size() - 1;
    }

    /** The first id of level {@code level}; {@code levelStart(levels())} is {@link #size()}. */
    int levelStart(int level) {
        return levelStarts.get(level);
    }

    int parent(int id) {
        return parent[id];
    }

    int command(int id) {
        return command[id] & 0xFF;
    }

    /** The first child of {@code id}, or -1; its children are the following ids with the same parent. */
    int firstChild(int id) {
        return firstChild[id];
    }

    void markBroken(int id) {
        broken.set(id);
    }

    /** Whether the state broke an invariant (it is not expanded). */
    boolean broken(int id) {
        return broken.get(id);
    }

    /** The alphabet indexes of the commands from the start to {@code id}, in order. */
    int[] commandsTo(int id) {
        int n = 0;
        for (int s = id; s > 0; s = parent[s]) {
            n++;
        }
        int[] out = new int[n];
        for (int s = id; s > 0; s = parent[s]) {
            out[--n] = command(s);
        }
        return out;
    }

    /** Bytes of the tree's arrays. */
    long bytes() {
        return 9L * parent.length + broken.size() / 8;
    }
}
