package dev.snapref.model.explore;

import dev.snapref.scenario.Command;
import dev.snapref.scenario.CreateCommand;
import dev.snapref.scenario.CreateNoTableCommand;
import dev.snapref.scenario.DevicePath;
import dev.snapref.scenario.DiskCommand;
import dev.snapref.scenario.LoadCommand;
import dev.snapref.scenario.RemoveCommand;
import dev.snapref.scenario.ResumeCommand;
import dev.snapref.scenario.SuspendCommand;
import dev.snapref.scenario.WriteCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * The small world the explorer searches: one origin disk with one {@code snapshot-origin}
 * device, one cow disk, up to three snapshot devices, chunk sizes and store types, and a few
 * writes with two labels: {@code A} on the origin's sectors 0-7, {@code B} on 16 origin sectors from
 * {@code farSector}, {@code B} on a snapshot's 4 sectors before {@code farSector}. Queries (status,
 * table, info, read) change nothing and are left out of the alphabet; every invariant is a
 * predicate on states, so they add no coverage.
 *
 * @param name             the configuration's name ({@code snapref explore --config NAME})
 * @param originSectors    origin disk size (default 32 = 4 chunks of 8)
 * @param cowSectors       cow disk size (default 40: P/8 has 3 data chunks, so overflow is reachable)
 * @param farSector        where the origin's {@code B} write starts (default 8); the snapshot write
 *                         covers the 4 sectors before it
 * @param snapshotDevices  names of the snapshot devices
 * @param chunkSizes       chunk sizes used by tables
 * @param storeTypes       store types used by tables (P, N, PO)
 */
public record ExplorerConfig(String name, long originSectors, long cowSectors, long farSector,
                             List<String> snapshotDevices, List<Long> chunkSizes, List<String> storeTypes) {
    public ExplorerConfig {
        snapshotDevices = List.copyOf(snapshotDevices);
        chunkSizes = List.copyOf(chunkSizes);
        storeTypes = List.copyOf(storeTypes);
        if (farSector < 4 || farSector + 16 > originSectors) {
            throw new IllegalArgumentException("the writes must lie inside the origin");
        }
    }

    /** The default configuration of {@code snapref explore}. */
    public static ExplorerConfig defaults() {
        return new ExplorerConfig("default", 32, 40, 8, List.of("s1", "s2", "s3"), List.of(8L, 16L), List.of("P", "N"));
    }

    /**
     * The default configuration on LVM-sized disks: a 1 TiB origin (2^31 sectors) whose {@code B}
     * writes land on its last 20 sectors, a 1 GiB cow (so it never overflows), two snapshot devices.
     */
    public static ExplorerConfig lvm() {
        long origin = 1L << 31;
        return new ExplorerConfig("lvm", origin, 1L << 21, origin - 16, List.of("s1", "s2"), List.of(8L, 16L),
                List.of("P", "N"));
    }

    /** Every named configuration, the default first. */
    public static List<ExplorerConfig> all() {
        return List.of(defaults(), lvm());
    }

    /** The configuration called {@code name}, or empty. */
    public static java.util.Optional<ExplorerConfig> named(String name) {
        return all().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The commands every exploration starts with (not counted in the depth). */
    public List<Command> prefix() {
        return List.of(new DiskCommand("origin", originSectors), new DiskCommand("cow", cowSectors));
    }

    /** The alphabet: every command tried from every state. */
    public List<Command> alphabet() {
        List<Command> out = new ArrayList<>();
        out.add(new CreateCommand("origin", "0 " + originSectors + " snapshot-origin /dev/disk/origin"));
        out.add(new SuspendCommand("origin"));
        out.add(new ResumeCommand("origin"));
        out.add(new RemoveCommand("origin"));
        out.add(new WriteCommand(DevicePath.mapper("origin"), 0, 8, "A"));
        out.add(new WriteCommand(DevicePath.mapper("origin"), farSector, 16, "B"));
        for (String dev : snapshotDevices) {
            for (String type : storeTypes) {
                for (long chunk : chunkSizes) {
                    String table = "0 " + originSectors + " snapshot /dev/disk/origin /dev/disk/cow " + type + " " + chunk;
                    out.add(new CreateCommand(dev, table));
                    out.add(new LoadCommand(dev, table));
                }
            }
            out.add(new CreateNoTableCommand(dev));
            out.add(new SuspendCommand(dev));
            out.add(new ResumeCommand(dev));
            out.add(new RemoveCommand(dev));
            out.add(new WriteCommand(DevicePath.mapper(dev), farSector - 4, 4, "B"));
        }
        return out;
    }
}
