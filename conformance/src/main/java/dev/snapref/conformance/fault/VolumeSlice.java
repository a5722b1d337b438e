package dev.snapref.conformance.fault;

import dev.snapref.model.Device;
import dev.snapref.model.Disk;
import dev.snapref.model.LinearTarget;
import dev.snapref.model.ModelState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a volume a snapshot table names (its cow, or its origin) lives on a disk: a disk is
 * itself, whole, from sector 0; a mapped device (LVM's {@code /dev/mapper/vg-sN-cow} or {@code
 * vg-o-real}) is the range its live table maps, when that table is one {@code linear} target
 * straight onto a disk (the shape lvcreate gives an LV of one segment). The crash checks log that
 * disk and reload the volume from a crash image of it through a linear device over the same range.
 * A volume name may map to several slices in one script (a cow LV removed and created again
 * elsewhere on the PV): each is its own slice, judged on the states it holds in.
 *
 * @param volume  the volume as a table names it: a disk's name, or {@code /dev/mapper/NAME}
 * @param disk    the disk its sectors are on
 * @param offset  its first sector on {@code disk}
 * @param sectors its length
 */
record VolumeSlice(String volume, String disk, long offset, long sectors) {
    private static final String MAPPER = "/dev/mapper/";

    /** Whether the volume is a mapped device over the disk (not the disk itself). */
    boolean stacked() {
        return !volume.equals(disk);
    }

    /** Whether {@code volume} is a mapped device's key. */
    static boolean mapped(String volume) {
        return volume.startsWith(MAPPER);
    }

    /**
     * The slice {@code volume} is in {@code state}: the disk itself; or, for a mapped device whose
     * live table is {@code linear} onto a disk, that range. Empty otherwise (no such disk or device,
     * no live table, another target, or linear onto another mapped device).
     */
    static Optional<VolumeSlice> in(ModelState state, String volume) {
        if (!mapped(volume)) {
            Disk d = state.disk(volume);
            return d == null ? Optional.empty() : Optional.of(new VolumeSlice(volume, volume, 0, d.sectors()));
        }
        Device d = state.device(volume.substring(MAPPER.length()));
        if (d == null || d.live() == null || !(d.live().target() instanceof LinearTarget l) || mapped(l.device())) {
            return Optional.empty();
        }
        return Optional.of(new VolumeSlice(volume, l.device(), l.offset(), d.live().length()));
    }

    /**
     * The slices of the cows of {@code states}, in the order of {@code cows}, then of first use:
     * each slice a cow is in a state where a snapshot uses it. {@code unresolved} gets the cows
     * that have a snapshot on them in some state where they are no slice.
     */
    static List<VolumeSlice> cows(List<ModelState> states, Iterable<String> cows, List<String> unresolved) {
        List<VolumeSlice> out = new ArrayList<>();
        for (String cow : cows) {
            for (ModelState s : states) {
                if (ModelCows.on(s, cow).isEmpty()) {
                    continue;
                }
                Optional<VolumeSlice> slice = in(s, cow);
                if (slice.isEmpty() && !unresolved.contains(cow)) {
                    unresolved.add(cow);
                }
                slice.filter(x -> !out.contains(x)).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The states (by index) in which the volume is this slice. */
    boolean[] holdsIn(List<ModelState> states) {
        boolean[] out = new boolean[states.size()];
        for (int j = 0; j < states.size(); j++) {
            out[j] = in(states.get(j), volume).filter(this::equals).isPresent();
        }
        return out;
    }

    /** The path a table names the reloaded volume by: the disk, or {@code /dev/mapper/DEVICE} over the slice. */
    String path(String device) {
        return stacked() ? MAPPER + device : "/dev/disk/" + disk;
    }

    /** The table of a linear device over the slice (for a stacked one). */
    String linearTable() {
        return "0 " + sectors + " linear /dev/disk/" + disk + " " + offset;
    }

    @Override
    public String toString() {
        return stacked() ? volume + " (" + disk + " " + offset + "+" + sectors + ")" : volume;
    }
}
