package dev.snapref.conformance.targets.engine;

import dev.snapref.engine.DeviceMapper;
import dev.snapref.engine.inspect.DeviceView;

import java.util.List;
import java.util.Optional;

/** One engine device as the fault campaigns read it (see {@link InspectedTable}; kept only for them). */
public record InspectedDevice(String name, boolean suspended, Optional<InspectedTable> live,
                              Optional<InspectedTable> inactive) {

    /** Every device of {@code dm}, in name order. */
    public static List<InspectedDevice> all(DeviceMapper dm) {
        return dm.inspect().stream().map(InspectedDevice::of).toList();
    }

    static InspectedDevice of(DeviceView d) {
        return new InspectedDevice(d.name(), d.suspended(), d.live().map(InspectedTable::of),
                d.inactive().map(InspectedTable::of));
    }
}
