package dev.snapref.conformance.targets.engine;

import dev.snapref.engine.block.BlockDevice;

/**
 * Where an engine session gets the block device of a {@code disk NAME SECTORS} line: a fault
 * mode hands out fault-injecting devices, or devices holding a given image. Null means the
 * default, a zero-filled in-memory disk of that size.
 */
@FunctionalInterface
public interface DiskProvider {
    /** Zero-filled in-memory disks for every line (the plain engine target). */
    DiskProvider ZEROED = (name, sectors) -> null;

    /** The device for disk {@code name} of {@code sectors} sectors, or null for the default. */
    BlockDevice provide(String name, long sectors);

    /**
     * Whether disk {@code name} started with content the engine did not write (a given image):
     * the on-disk rules of what the engine writes (exceptions in allocation order, none on a
     * metadata chunk) are then not the engine's to keep on it.
     */
    default boolean givenContent(String name) {
        return false;
    }
}
