package dev.snapref.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The block layer under the model: every read, write and flush the model makes of a disk goes
 * through here, in the order Linux 6.1 issues them (and the engine too: the fault modes check
 * that). A plain run ({@link #untracked()}) only applies writes. A traced run ({@link #traced})
 * also logs every request to its tracked disks with a per-disk, per-kind index, applies its
 * {@link FaultPlan} (a failed request changes nothing, a torn write lands a prefix), and can
 * start disks from given contents instead of zeros (a stale cow, a corrupt image).
 *
 * <p>Guarantees: a request outside its disk fails (EIO) without being counted or logged, as the
 * block layer's end-of-device check answers it first; a request without a fault does exactly
 * what a plain run does, so a traced run without faults and presets steps through the very same
 * states. Limits: one traced object belongs to one run, single-threaded; the untracked one is
 * shared and keeps no state.
 */
public final class BlockRequests {
    private static final BlockRequests UNTRACKED = new BlockRequests(false, Set.of(), null, Map.of());

    private final boolean traced;
    private final Set<String> tracked;
    private final FaultPlan plan;
    private final Map<String, Disk> presets;
    private final Map<String, List<Request>> logs = new HashMap<>();
    private final Map<String, int[]> perKind = new HashMap<>();
    private final List<String> fired = new ArrayList<>();
    private int step = -1;
    private ModelState state = ModelState.initial();

    private BlockRequests(boolean traced, Set<String> tracked, FaultPlan plan, Map<String, Disk> presets) {
        this.traced = traced;
        this.tracked = Set.copyOf(tracked);
        this.plan = plan;
        this.presets = Map.copyOf(presets);
    }

    /** Plain runs: no log, no faults, disks start zeroed. Shared, stateless. */
    public static BlockRequests untracked() {
        return UNTRACKED;
    }

    /**
     * A traced run: requests to the {@code tracked} disks are logged, {@code plan} (null: none)
     * applies to its disk (which must be tracked), and a disk named in {@code presets} starts
     * with that content (its size must be the one the script declares).
     */
    public static BlockRequests traced(Set<String> tracked, FaultPlan plan, Map<String, Disk> presets) {
        if (plan != null && !plan.rules().isEmpty() && !tracked.contains(plan.disk())) {
            throw new IllegalArgumentException("the faulted disk " + plan.disk() + " must be tracked");
        }
        return new BlockRequests(true, tracked, plan, presets);
    }

    /** The requests issued so far to tracked disk {@code disk}, in order. */
    public List<Request> log(String disk) {
        return List.copyOf(logs.getOrDefault(disk, List.of()));
    }

    /** The faults that fired so far, as {@code REQUEST -> EIO|torn(P)}, in order. */
    public List<String> fired() {
        return List.copyOf(fired);
    }

    /** The state after the last step of the run (initial before the first). */
    public ModelState state() {
        return state;
    }

    /** A step starts (traced runs number their requests by step). */
    void stepStarted() {
        if (traced) {
            step++;
        }
    }

    /** A step ended in {@code next}. */
    void stepEnded(ModelState next) {
        if (traced) {
            state = next;
        }
    }

    /** The disk a {@code disk NAME SECTORS} line creates: its preset content, else zeros. */
    Disk newDisk(String name, long sectors) {
        Disk p = presets.get(name);
        if (p == null) {
            return Disk.zeroed(name, sectors);
        }
        if (p.sectors() != sectors || !p.name().equals(name)) {
            throw new IllegalArgumentException("preset " + p.name() + " has " + p.sectors() + " sectors, the script"
                    + " declares " + name + " with " + sectors);
        }
        return p;
    }

    /** A read of {@code [sector, sector+count)}; false when it fails (EIO). */
    boolean read(World w, String disk, long sector, long count) {
        if (!inside(w.disk(disk), sector, count)) {
            return false;
        }
        return record(disk, RequestKind.READ, sector, count, false, null) == null;
    }

    /**
     * A write of {@code [sector, sector+count)} whose data is what {@code change} makes of the
     * disk there ({@code change} gives the disk as the whole write leaves it; it is applied only
     * to a request inside the disk); false when it fails (EIO), after landing a torn prefix if
     * the plan says so.
     */
    boolean write(World w, String disk, long sector, long count, boolean fua, UnaryOperator<Disk> change) {
        Disk before = w.disk(disk);
        if (!inside(before, sector, count)) {
            return false;
        }
        Disk after = change.apply(before);
        assert after.name().equals(disk) && after.sectors() == before.sectors() : "a write keeps its disk";
        FaultPlan.Rule r = record(disk, RequestKind.WRITE, sector, count, fua, after);
        if (r == null) {
            w.putDisk(after);
            return true;
        }
        if (r.torn() && r.tornPrefix() > 0) {
            long landed = Math.min(count, r.tornPrefix());
            w.putDisk(before.copyFrom(after, sector, sector, landed).withFlagsOf(after));
        }
        return false;
    }

    /** A cache flush of {@code disk}; false when it fails (EIO). */
    boolean flush(World w, String disk) {
        return record(disk, RequestKind.FLUSH, 0, 0, false, null) == null;
    }

    /** Logs a request to a tracked disk and returns the fault the plan has for it, or null. */
    private FaultPlan.Rule record(String disk, RequestKind kind, long sector, long count, boolean fua, Disk after) {
        if (!traced || !tracked.contains(disk)) {
            return null;
        }
        int[] counts = perKind.computeIfAbsent(disk, d -> new int[RequestKind.values().length]);
        List<Request> log = logs.computeIfAbsent(disk, d -> new ArrayList<>());
        Request req = new Request(log.size(), kind, counts[kind.ordinal()]++, Math.max(0, step), sector, count, fua,
                after);
        log.add(req);
        FaultPlan.Rule r = plan == null || !plan.disk().equals(disk) ? null : plan.ruleFor(kind, req.kindIndex());
        if (r != null) {
            fired.add(req.describe() + " -> " + (r.torn() ? "torn(" + r.tornPrefix() + ")" : "EIO"));
        }
        return r;
    }

    /** The block layer's end-of-device check (sectors as unsigned: a wrapped sector lies outside). */
    private static boolean inside(Disk d, long sector, long count) {
        return sector >= 0 && count >= 0 && sector <= d.sectors() && count <= d.sectors() - sector;
    }
}
