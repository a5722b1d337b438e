package dev.snapref.conformance.targets.engine;

import dev.snapref.conformance.check.ApiDisagreement;
import dev.snapref.engine.DeviceMapper;
import dev.snapref.engine.inspect.DeviceView;
import dev.snapref.model.DeviceAbstraction;
import dev.snapref.model.WorldAbstraction;
import dev.snapref.scenario.DevicePath;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's Java API checked after a step, through its public routes only: the answers a user
 * of {@link DeviceMapper} relies on that no transcript prints. Each is compared with the model's
 * abstract state where the model knows the fact, else with the engine's own promise:
 * <ul>
 * <li>{@link DeviceMapper#isSuspended} of every mapped device the model has: true exactly when
 *     the model's device is suspended and has a live table (a node of non-zero size; a table is
 *     never of length 0); of every disk: false;</li>
 * <li>{@link DeviceMapper#busy} of every mapped device: false (a step ends with no merge running:
 *     the resume that starts one returns when it is over, the spec's merge rule);</li>
 * <li>{@link DeviceMapper#deviceNames()}: the model's device names (any order, each once);</li>
 * <li>{@link DeviceMapper#inspect()}: its devices in name order, as its javadoc promises (the
 *     refinement check matches views by name, so it cannot see the order);</li>
 * <li>the pread/pwrite forms' buffer checks, probed on the script's first disk
 *     ({@link BufferContract}).</li>
 * </ul>
 * The facts the views carry (suspended flags, exceptions, split boundaries: an origin's view reads
 * its {@code splitBoundary()}) are the refinement check's; what a read returned is
 * {@link CheckedRead}'s. Cost: a map
 * lookup per device and disk, a sort of the names, and three probes that issue no request.
 * Stateless.
 */
final class EngineApiCheck {
    private EngineApiCheck() {
    }

    /**
     * Every disagreement of {@code dm}'s API with {@code model} (the model's state after the same
     * step, which the refinement check found equal to {@code views}, the engine's
     * {@link DeviceMapper#inspect()} after it); {@code disks} are the script's disk names.
     */
    static List<ApiDisagreement> check(DeviceMapper dm, List<DeviceView> views, WorldAbstraction model,
                                       List<String> disks) {
        List<ApiDisagreement> out = new ArrayList<>();
        order(views, out);
        List<String> names = new ArrayList<>(dm.deviceNames());
        names.sort(null);
        List<String> known = List.copyOf(model.devices().keySet());
        if (!names.equals(known)) {
            out.add(new ApiDisagreement("DeviceMapper.deviceNames", "*", names.toString(), "model", known.toString()));
        }
        for (DeviceAbstraction d : model.devices().values()) {
            String path = DevicePath.mapper(d.name()).path();
            boolean want = d.suspended() && d.live().isPresent();
            boolean got = dm.isSuspended(path);
            if (got != want) {
                out.add(new ApiDisagreement("DeviceMapper.isSuspended", path, String.valueOf(got),
                        "model (suspended " + d.suspended() + ", live table " + d.live().isPresent() + ")",
                        String.valueOf(want)));
            }
            if (dm.busy(d.name())) {
                out.add(new ApiDisagreement("DeviceMapper.busy", path, "true", "the runner's merge rule", "false"));
            }
        }
        if (!disks.isEmpty()) {
            BufferContract.probe(dm, disks.get(0), out);
        }
        for (String disk : disks) {
            String path = DevicePath.disk(disk).path();
            if (dm.isSuspended(path)) {
                out.add(new ApiDisagreement("DeviceMapper.isSuspended", path, "true", "a disk", "false"));
            }
        }
        return out;
    }

    /** Adds a disagreement when {@code views} are not in strictly increasing name order. */
    private static void order(List<DeviceView> views, List<ApiDisagreement> out) {
        for (int i = 1; i < views.size(); i++) {
            String a = views.get(i - 1).name();
            String b = views.get(i).name();
            if (a.compareTo(b) >= 0) {
                out.add(new ApiDisagreement("DeviceMapper.inspect", "*", a + " before " + b, "its promised order",
                        "name order"));
                return;
            }
        }
    }
}
