package dev.snapref.conformance.targets;

/**
 * A target's registration: its name on the command line ({@code --target NAME}), the order it is
 * listed in, and how to build it from the options. Implementations are found with
 * {@link java.util.ServiceLoader} (listed in {@code META-INF/services}), so a new target joins the
 * command line by shipping a factory, without any change to the registry.
 */
public interface TargetFactory {
    /** The name users give with {@code --target}. */
    String name();

    /** Where the target is listed among the others (lower first). */
    int order();

    /** Builds the target; options a target does not use are ignored. */
    Target create(TargetOptions options);
}
