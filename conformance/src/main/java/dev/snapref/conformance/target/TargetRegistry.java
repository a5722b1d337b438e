package dev.snapref.conformance.target;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The targets the command line knows by name. Each target module registers one factory here.
 */
public final class TargetRegistry {
    private static final Map<String, Function<TargetOptions, Target>> FACTORIES = new LinkedHashMap<>();

    static {
        // one line per target: name -> factory
        FACTORIES.put("model", ModelTarget::fromOptions);
        FACTORIES.put("engine", EngineTarget::fromOptions);
        FACTORIES.put("kernel", dev.snapref.conformance.kernel.KernelTarget::fromOptions);
    }

    private TargetRegistry() {
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
        Function<TargetOptions, Target> f = FACTORIES.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown target '" + name + "' (known: "
                    + String.join(", ", FACTORIES.keySet()) + ")");
        }
        return f.apply(options);
    }
}
