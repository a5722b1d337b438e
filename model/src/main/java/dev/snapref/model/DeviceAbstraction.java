package dev.snapref.model;

/**
 * The observable abstraction of one mapped device (compared with the engine's by the
 * conformance refinement check).
 *
 * @param name            device name
 * @param suspended       dm suspended flag
 * @param livePresent     a live table exists
 * @param inactivePresent an inactive table exists
 * @param live            the live table's target abstraction, or null
 * @param inactive        the inactive table's target abstraction, or null
 */
public record DeviceAbstraction(String name, boolean suspended, boolean livePresent, boolean inactivePresent,
                                TableAbstraction live, TableAbstraction inactive) {
}
