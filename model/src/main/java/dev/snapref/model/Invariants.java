package dev.snapref.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** All invariants of the model ({@link ModelInvariant}) and a checker for a state. */
public final class Invariants {
    private Invariants() {
    }

    private static final List<Invariant> ALL = all0();

    /** Every invariant: the core ones ({@link ModelInvariant}) then the merge ones ({@link MergeInvariant}). */
    public static List<Invariant> all() {
        return ALL;
    }

    private static List<Invariant> all0() {
        List<Invariant> out = new ArrayList<>(List.of(ModelInvariant.values()));
        out.addAll(List.of(MergeInvariant.values()));
        return List.copyOf(out);
    }

    /** The invariant with this id, if any. */
    public static Optional<Invariant> byId(String id) {
        return all().stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /** The violations in {@code state}, each as {@code ID: message}; empty when all hold. */
    public static List<String> checkAll(ModelState state) {
        List<String> out = new ArrayList<>();
        for (Invariant i : all()) {
            i.check(state).ifPresent(v -> out.add(i.id() + ": " + v));
        }
        return out;
    }
}
