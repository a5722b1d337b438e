package dev.snapref.engine.inspect;

import java.util.Optional;

/**
 * A read-only snapshot of one mapped device: its name, suspended flag and the views of its live
 * and inactive tables (empty where the slot holds no table).
 */
public record DeviceView(String name, boolean suspended, Optional<TargetView> live, Optional<TargetView> inactive) {
}
