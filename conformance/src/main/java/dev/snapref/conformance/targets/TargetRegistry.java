package dev.snapref.conformance.targets;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The targets the command line knows by name: every {@link TargetFactory} on the class path
 * ({@link ServiceLoader}), in their order. Two factories with one name are a packaging error.
 */
public final class TargetRegistry {
    private static final Map<String, TargetFactory> FACTORIES = load();

    private TargetRegistry() {
    }

    private static Map<String, TargetFactory> load() {
        Map<String, TargetFactory> out = new LinkedHashMap<>();
        ServiceLoader.load(TargetFactory.class, TargetRegistry.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparingInt(TargetFactory::order).thenComparing(TargetFactory::name))
                .forEach(f -> {
                    TargetFactory old = out.putIfAbsent(f.name(), f);
                    if (old != null) {
                        throw new IllegalStateException("two targets named '" + f.name() + "': "
                                + old.getClass().getName() + " and " + f.getClass().getName());
                    }
                });
        return out;
    }

    /** The known target names, in registration order. */
    public static Set<String> names() {
        return FACTORIES.keySet();
    }

    /**
     * Builds the named target.
     *
     * @throws IllegalArgumentException naming the known targets when {@code name} is unknown
     */
    public static Target create(String name, TargetOptions options) {
        TargetFactory f = FACTORIES.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown target '" + name + "' (known: "
                    + String.join(", ", FACTORIES.keySet()) + ")");
        }
        return f.create(options);
    }
}
