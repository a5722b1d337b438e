package dev.snapref.conformance.targets.engine;

import dev.snapref.engine.inspect.DeviceView;
import dev.snapref.engine.inspect.LinearView;
import dev.snapref.engine.inspect.MergeView;
import dev.snapref.engine.inspect.OriginView;
import dev.snapref.engine.inspect.SnapshotView;
import dev.snapref.engine.inspect.StoreKind;
import dev.snapref.engine.inspect.TargetView;
import dev.snapref.model.DeviceAbstraction;
import dev.snapref.model.LinearAbstraction;
import dev.snapref.model.MergeAbstraction;
import dev.snapref.model.OriginAbstraction;
import dev.snapref.model.SnapshotAbstraction;
import dev.snapref.model.StoreType;
import dev.snapref.model.TableAbstraction;
import dev.snapref.model.WorldAbstraction;
import java.util.List;
import java.util.TreeMap;

/**
 * The engine's abstraction function: its typed views ({@link DeviceView}, {@link TargetView})
 * mapped field for field onto the model's {@link WorldAbstraction}, the one description the
 * refinement check compares. Every field of a view is carried over; the only normalisation is of
 * names: the engine keeps a device as the path its table names, the model as a volume key, so a
 * {@code /dev/disk/NAME} path becomes {@code NAME} and a {@code /dev/mapper/NAME} path is kept
 * whole, as the model's key of a mapped device is. Stateless.
 */
public final class EngineAbstraction {
    /** Where the engine's disks live (the model names a disk without it). */
    static final String DISK_PREFIX = "/dev/disk/";

    private EngineAbstraction() {
    }

    /** The abstraction of every device in {@code views} (names distinct, any order). */
    public static WorldAbstraction world(List<DeviceView> views) {
        TreeMap<String, DeviceAbstraction> out = new TreeMap<>();
        for (DeviceView v : views) {
            DeviceAbstraction before = out.put(v.name(), device(v));
            assert before == null : "two devices named " + v.name();
        }
        return new WorldAbstraction(out);
    }

    /** The abstraction of one device. */
    public static DeviceAbstraction device(DeviceView v) {
        return new DeviceAbstraction(v.name(), v.suspended(), v.live().map(EngineAbstraction::table),
                v.inactive().map(EngineAbstraction::table));
    }

    /** The abstraction of one table's target. */
    public static TableAbstraction table(TargetView v) {
        if (v instanceof SnapshotView s) {
            return snapshot(s);
        }
        if (v instanceof MergeView m) {
            return new MergeAbstraction(snapshot(m.snapshot()), m.mergeFailed());
        }
        if (v instanceof LinearView l) {
            return new LinearAbstraction(l.length(), cowDisk(l.devicePath()), l.offset());
        }
        OriginView o = (OriginView) v;
        return new OriginAbstraction(o.length(), o.splitBoundary());
    }

    private static SnapshotAbstraction snapshot(SnapshotView s) {
        return new SnapshotAbstraction(s.length(), s.valid(), s.active(), s.overflowed(), s.chunkSize(),
                storeType(s.storeKind()), s.overflowAware(), cowDisk(s.cowPath()), s.exceptions());
    }

    /** The model's store type of an engine store kind (the PO flag is carried separately). */
    public static StoreType storeType(StoreKind kind) {
        return switch (kind) {
            case PERSISTENT -> StoreType.PERSISTENT;
            case TRANSIENT -> StoreType.TRANSIENT;
        };
    }

    /**
     * The model's volume key of a device path: {@code /dev/disk/NAME} is {@code NAME}; any other
     * path (a mapped device's {@code /dev/mapper/NAME}) is kept whole.
     */
    public static String cowDisk(String path) {
        return path.startsWith(DISK_PREFIX) ? path.substring(DISK_PREFIX.length()) : path;
    }
}
