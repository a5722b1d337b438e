package dev.snapref.conformance.fault;

import dev.snapref.conformance.targets.engine.EngineTarget;

import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.DeviceMapper;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.engine.block.FaultAtlas;
import dev.snapref.engine.block.FaultyBlockDevice;
import dev.snapref.engine.block.MemoryBlockDevice;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.DiskCommand;
import dev.snapref.scenario.Outcome;
import dev.snapref.scenario.SectorPattern;
import dev.snapref.scenario.TranscriptStep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine driven command by command like the {@code engine} target, except that the disks
 * named as cows are {@link FaultyBlockDevice}s (each with its own {@link FaultAtlas}), optionally
 * pre-filled with stale data (a reused disk: every sector but sector 0 holds a "stale" pattern, so
 * the store's own zeroing of metadata areas matters). I/O to a suspended device is not issued and
 * gives {@code blocked}.
 */
final class FaultyEngine {
    /** The label of the stale pattern a reused cow is pre-filled with. */
    static final String STALE = "stale";

    final DeviceMapper dm;
    private final Map<String, FaultAtlas> atlases;
    private final boolean staleCows;
    private final Map<String, FaultyBlockDevice> cows = new LinkedHashMap<>();
    private final Map<String, byte[]> initial = new LinkedHashMap<>();

    FaultyEngine(Set<EngineBug> bugs, Map<String, FaultAtlas> atlases, boolean staleCows) {
        this.dm = new DeviceMapper(bugs);
        this.atlases = Map.copyOf(atlases);
        this.staleCows = staleCows;
    }

    /** The faulty device of cow disk {@code name}. */
    FaultyBlockDevice cow(String name) {
        return cows.get(name);
    }

    Map<String, FaultyBlockDevice> cows() {
        return cows;
    }

    /** The cow's content when the disk was created (zero or stale). */
    byte[] initialImage(String name) {
        return initial.get(name);
    }

    /**
     * Applies one command: disk lines make faulty cows where the atlas says so, every other
     * command runs exactly as on the plain engine target ({@link EngineTarget#apply}).
     */
    TranscriptStep apply(Command c) {
        if (c instanceof DiskCommand d) {
            addDisk(d);
            return new TranscriptStep(c.echo(), List.of(), dm.log().drain(), Outcome.OK);
        }
        return EngineTarget.apply(dm, c, new ArrayList<>());
    }

    private void addDisk(DiskCommand d) {
        FaultAtlas atlas = atlases.get(d.name());
        if (atlas == null) {
            dm.addDisk(d.name(), d.sectors());
            return;
        }
        MemoryBlockDevice mem = new MemoryBlockDevice(d.sectors());
        byte[] image = new byte[(int) d.sectors() * BlockDevice.SECTOR_SIZE];
        if (staleCows && d.sectors() > 1) {
            byte[] stale = SectorPattern.fill(STALE, 1, (int) d.sectors() - 1);
            System.arraycopy(stale, 0, image, BlockDevice.SECTOR_SIZE, stale.length);
            try {
                mem.write(1, stale, 0, (int) d.sectors() - 1, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        FaultyBlockDevice f = new FaultyBlockDevice(mem, atlas);
        cows.put(d.name(), f);
        initial.put(d.name(), image);
        dm.addDisk(d.name(), f);
    }
}
