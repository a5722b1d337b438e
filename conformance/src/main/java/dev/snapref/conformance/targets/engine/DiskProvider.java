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
}
