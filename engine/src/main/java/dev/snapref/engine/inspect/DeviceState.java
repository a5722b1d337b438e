package dev.snapref.engine.inspect;

import java.util.Optional;

/** A read-only snapshot of one mapped device: suspended flag and its live and inactive tables. */
public record DeviceState(String name, boolean suspended, Optional<TableState> live, Optional<TableState> inactive) {
}
