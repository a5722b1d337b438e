package dev.snapref.model;

import dev.snapref.model.AbstractionDifference.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * The field-by-field comparison behind {@link WorldAbstraction#differences}: typed comparisons
 * of the records (equality of numbers, flags, enums, names and maps), each difference rendered
 * only once it is found. Stateless.
 */
final class AbstractionComparison {
    /** Differing exception entries shown per side before the rest is summarised. */
    static final int EXCEPTIONS_SHOWN = 8;

    private AbstractionComparison() {
    }

    static List<AbstractionDifference> compare(SortedMap<String, DeviceAbstraction> mine,
                                               SortedMap<String, DeviceAbstraction> theirs) {
        List<AbstractionDifference> out = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(mine.keySet());
        names.addAll(theirs.keySet());
        for (String name : names) {
            DeviceAbstraction a = mine.get(name);
            DeviceAbstraction b = theirs.get(name);
            if (a == null || b == null) {
                out.add(new AbstractionDifference(name, null, Field.DEVICE, presence(a != null), presence(b != null)));
            } else if (!a.equals(b)) {
                device(a, b, out);
            }
        }
        return out;
    }

    private static void device(DeviceAbstraction a, DeviceAbstraction b, List<AbstractionDifference> out) {
        String name = a.name();
        field(out, name, null, Field.SUSPENDED, a.suspended(), b.suspended());
        for (Slot slot : new Slot[] {Slot.LIVE, Slot.INACTIVE}) {
            table(name, slot, a.table(slot), b.table(slot), out);
        }
    }

    private static void table(String device, Slot slot, Optional<TableAbstraction> a, Optional<TableAbstraction> b,
                              List<AbstractionDifference> out) {
        if (a.isEmpty() || b.isEmpty()) {
            if (a.isPresent() != b.isPresent()) {
                out.add(new AbstractionDifference(device, slot, Field.TABLE, presence(a.isPresent()),
                        presence(b.isPresent())));
            }
            return;
        }
        TableAbstraction x = a.get();
        TableAbstraction y = b.get();
        if (x instanceof SnapshotAbstraction s && y instanceof SnapshotAbstraction t) {
            snapshot(device, slot, s, t, out);
        } else if (x instanceof OriginAbstraction o && y instanceof OriginAbstraction p) {
            field(out, device, slot, Field.LENGTH, o.length(), p.length());
            field(out, device, slot, Field.SPLIT_BOUNDARY, o.splitBoundary(), p.splitBoundary());
        } else if (x instanceof MergeAbstraction m && y instanceof MergeAbstraction n) {
            snapshot(device, slot, m.snapshot(), n.snapshot(), out);
            field(out, device, slot, Field.MERGE_FAILED, m.mergeFailed(), n.mergeFailed());
        } else if (x instanceof LinearAbstraction l && y instanceof LinearAbstraction k) {
            field(out, device, slot, Field.LENGTH, l.length(), k.length());
            field(out, device, slot, Field.LOWER_DEVICE, l.device(), k.device());
            field(out, device, slot, Field.OFFSET, l.offset(), k.offset());
        } else {
            out.add(new AbstractionDifference(device, slot, Field.TARGET, x.targetName(), y.targetName()));
        }
    }

    private static void snapshot(String device, Slot slot, SnapshotAbstraction a, SnapshotAbstraction b,
                                 List<AbstractionDifference> out) {
        field(out, device, slot, Field.LENGTH, a.length(), b.length());
        field(out, device, slot, Field.VALID, a.valid(), b.valid());
        field(out, device, slot, Field.ACTIVE, a.active(), b.active());
        field(out, device, slot, Field.OVERFLOWED, a.overflowed(), b.overflowed());
        field(out, device, slot, Field.CHUNK_SIZE, a.chunkSize(), b.chunkSize());
        if (a.storeType() != b.storeType() || a.overflowAware() != b.overflowAware()) {
            out.add(new AbstractionDifference(device, slot, Field.STORE_TYPE, a.storeWord(), b.storeWord()));
        }
        field(out, device, slot, Field.COW, a.cowDisk(), b.cowDisk());
        if (!a.exceptions().equals(b.exceptions())) {
            out.add(new AbstractionDifference(device, slot, Field.EXCEPTIONS, onlyIn(a.exceptions(), b.exceptions()),
                    onlyIn(b.exceptions(), a.exceptions())));
        }
    }

    private static void field(List<AbstractionDifference> out, String device, Slot slot, Field field, Object a,
                              Object b) {
        if (!Objects.equals(a, b)) {
            out.add(new AbstractionDifference(device, slot, field, String.valueOf(a), String.valueOf(b)));
        }
    }

    private static String presence(boolean present) {
        return present ? "present" : "absent";
    }

    /**
     * The entries of {@code m} that {@code other} does not have (same origin chunk, same cow
     * chunk), as {@code {origin=cow, ...}} with at most {@link #EXCEPTIONS_SHOWN} shown, then
     * how many in all and how many {@code m} has: e.g. {@code {4=3} (1 of 2)}.
     */
    static String onlyIn(SortedMap<Long, Long> m, SortedMap<Long, Long> other) {
        StringBuilder sb = new StringBuilder("{");
        int differing = 0;
        for (Map.Entry<Long, Long> e : m.entrySet()) {
            if (!e.getValue().equals(other.get(e.getKey()))) {
                if (differing < EXCEPTIONS_SHOWN) {
                    sb.append(differing == 0 ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
                } else if (differing == EXCEPTIONS_SHOWN) {
                    sb.append(", ...");
                }
                differing++;
            }
        }
        return sb.append("} (").append(differing).append(" of ").append(m.size()).append(')').toString();
    }
}
