package dev.snapref.engine.dm;

import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.kernel.DmException;

/** Resolves a device path of a table line to a block device (dm_get_device / lookup_bdev). */
public interface DeviceResolver {
    /**
     * The device at {@code path}; the same object for the same device every time (bdev identity).
     * Fails with ENODEV when no block device exists at that path, EINVAL when it is {@code self}.
     */
    BlockDevice open(String path, MappedDevice self) throws DmException;
}
