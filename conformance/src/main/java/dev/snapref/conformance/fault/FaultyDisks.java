package dev.snapref.conformance.fault;

import dev.snapref.conformance.targets.engine.DiskProvider;
import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.block.BlockDevices;
import dev.snapref.engine.block.FaultAtlas;
import dev.snapref.engine.block.FaultyBlockDevice;
import dev.snapref.engine.block.MemoryBlockDevice;
import dev.snapref.engine.block.SparseImage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine's disks of one faulted run: a disk named in the atlases is a
 * {@link FaultyBlockDevice} (logging every request, applying its atlas), a disk named in the
 * images starts with that image, every other disk is zeroed. Keeps the devices it made, so the
 * run's request logs and fired faults can be read afterwards. One instance per run.
 */
final class FaultyDisks implements DiskProvider {
    private final Map<String, FaultAtlas> atlases;
    private final Map<String, SparseImage> images;
    private final Map<String, FaultyBlockDevice> made = new LinkedHashMap<>();

    FaultyDisks(Map<String, FaultAtlas> atlases, Map<String, SparseImage> images) {
        this.atlases = Map.copyOf(atlases);
        this.images = Map.copyOf(images);
    }

    @Override
    public BlockDevice provide(String name, long sectors) {
        SparseImage image = images.get(name);
        if (image != null && image.sectors() != sectors) {
            throw new IllegalArgumentException("image of " + name + " has " + image.sectors()
                    + " sectors, the script declares " + sectors);
        }
        FaultAtlas atlas = atlases.get(name);
        if (atlas == null && image == null) {
            return null;
        }
        MemoryBlockDevice mem = image == null ? new MemoryBlockDevice(sectors) : BlockDevices.fromImage(image);
        if (atlas == null) {
            return mem;
        }
        FaultyBlockDevice f = new FaultyBlockDevice(mem, atlas);
        made.put(name, f);
        return f;
    }

    @Override
    public boolean givenContent(String name) {
        return images.containsKey(name);
    }

    /** The fault-injecting device made for {@code name}, or null (not declared, or not faulty). */
    FaultyBlockDevice device(String name) {
        return made.get(name);
    }
}
