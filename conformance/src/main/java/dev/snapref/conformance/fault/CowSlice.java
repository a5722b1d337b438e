package dev.snapref.conformance.fault;

import dev.snapref.model.Device;
import dev.snapref.model.Disk;
import dev.snapref.model.LinearTarget;
import dev.snapref.model.ModelState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a cow's exception store lives on the disk the crash mode logs: a cow that is a disk is the
 * whole disk from sector 0; a stacked cow (LVM's {@code /dev/mapper/vg-sN-cow}) is the range its
 * live table maps, when that table is one {@code linear} target straight onto a disk (the shape
 * lvcreate gives a cow LV). A cow name may map to several slices in one script (a cow LV removed
 * and created again elsewhere on the PV): each is its own slice, judged on the states it holds in.
 *
 * @param cow     the cow as a snapshot table names it: a disk's name, or {@code /dev/mapper/NAME}
 * @param disk    the disk its sectors are on
 * @param offset  its first sector on {@code disk}
 * @param sectors its length
 */
record CowSlice(String cow, String disk, long offset, long sectors) {
    private static final String MAPPER = "/dev/mapper/";

    /** Whether the cow is a mapped device over the disk (not the disk itself). */
    boolean stacked() {
        return !cow.equals(disk);
    }

    /** Whether {@code cow} is a mapped device's key. */
    static boolean mapped(String cow) {
        return cow.startsWith(MAPPER);
    }

    /**
     * The slice {@code cow} is in {@code state}: the disk itself; or, for a mapped cow whose live
     * table is {@code linear} onto a disk, that range. Empty otherwise (no such disk or device, no
     * live table, another target, or linear onto another mapped device).
     */
    static Optional<CowSlice> in(ModelState state, String cow) {
        if (!mapped(cow)) {
            Disk d = state.disk(cow);
            return d == null ? Optional.empty() : Optional.of(new CowSlice(cow, cow, 0, d.sectors()));
        }
        Device d = state.device(cow.substring(MAPPER.length()));
        if (d == null || d.live() == null || !(d.live().target() instanceof LinearTarget l) || mapped(l.device())) {
            return Optional.empty();
        }
        return Optional.of(new CowSlice(cow, l.device(), l.offset(), d.live().length()));
    }

    /**
     * The slices of the cows of {@code states}, in order of first use ({@link ModelCows#cowDisks}
     * order for the cows): each slice a cow has in a state where a snapshot uses it. {@code
     * unresolved} gets the cows that have a snapshot on them in some state where they are no slice.
     */
    static List<CowSlice> of(List<ModelState> states, Iterable<String> cows, List<String> unresolved) {
        List<CowSlice> out = new ArrayList<>();
        for (String cow : cows) {
            for (ModelState s : states) {
                if (ModelCows.on(s, cow).isEmpty()) {
                    continue;
                }
                Optional<CowSlice> slice = in(s, cow);
                if (slice.isEmpty() && !unresolved.contains(cow)) {
                    unresolved.add(cow);
                }
                slice.filter(x -> !out.contains(x)).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The states (by index) in which {@code cow} is this slice. */
    boolean[] holdsIn(List<ModelState> states) {
        boolean[] out = new boolean[states.size()];
        for (int j = 0; j < states.size(); j++) {
            out[j] = in(states.get(j), cow).filter(this::equals).isPresent();
        }
        return out;
    }

    @Override
    public String toString() {
        return stacked() ? cow + " (" + disk + " " + offset + "+" + sectors + ")" : cow;
    }
}
