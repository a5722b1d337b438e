package dev.snapref.engine.dm;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of target types (dm_register_target / dm_get_target_type). Filled once when the
 * engine is assembled; lookups are thread-safe. A name registers at most once.
 */
public final class TargetTypes {
    private final Map<String, TargetType> byName = new ConcurrentHashMap<>();

    /** dm_register_target: adds {@code type}. */
    public void register(TargetType type) {
        TargetType old = byName.putIfAbsent(type.name(), type);
        if (old != null) {
            throw new IllegalStateException("target type registered twice: " + type.name());
        }
    }

    /** The type registered as {@code name}, if any. */
    public Optional<TargetType> lookup(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
