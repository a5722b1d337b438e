package dev.snapref.engine.dm;

import dev.snapref.engine.block.BlockDevice;

/**
 * One device area a target uses (iterate_devices callout arguments).
 *
 * @param name   how the kernel log names the device (its canonical path or dm name)
 * @param device the device
 * @param start  first sector used
 * @param length sectors used
 */
public record DeviceArea(String name, BlockDevice device, long start, long length) {
}
