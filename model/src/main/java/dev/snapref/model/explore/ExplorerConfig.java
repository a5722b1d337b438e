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
 * writes with two labels. Queries (status, table, info, read) change nothing and are left out
 * of the alphabet; every invariant is a predicate on states, so they add no coverage.
 *
 * @param originSectors    origin disk size (default 32 = 4 chunks of 8)
 * @param cowSectors       cow disk size (default 40: P/8 has 3 data chunks, so overflow is reachable)
 * @param snapshotDevices  names of the snapshot devices
 * @param chunkSizes       chunk sizes used by tables
 * @param storeTypes       store types used by tables (P, N, PO)
 * @param stacked          LVM's world instead ({@link StackedAlphabet}): linear devices on one disk,
 *                         the origin and snapshots on them, merges
 */
public record ExplorerConfig(long originSectors, long cowSectors, List<String> snapshotDevices,
                             List<Long> chunkSizes, List<String> storeTypes, boolean stacked) {
    public ExplorerConfig {
        snapshotDevices = List.copyOf(snapshotDevices);
        chunkSizes = List.copyOf(chunkSizes);
        storeTypes = List.copyOf(storeTypes);
    }

    /** A configuration of the plain world (disks named in tables). */
    public ExplorerConfig(long originSectors, long cowSectors, List<String> snapshotDevices, List<Long> chunkSizes,
                          List<String> storeTypes) {
        this(originSectors, cowSectors, snapshotDevices, chunkSizes, storeTypes, false);
    }

    /** The default configuration of {@code snapref explore}. */
    public static ExplorerConfig defaults() {
        return new ExplorerConfig(32, 40, List.of("s1", "s2", "s3"), List.of(8L, 16L), List.of("P", "N"));
    }

    /**
     * The LVM configuration of {@code snapref explore --stacks}: origin and cow as linear devices on
     * one disk, snapshots s1 and s2 (P, chunk sizes 8 and 16), a P merge table.
     */
    public static ExplorerConfig lvm() {
        return new ExplorerConfig(32, 40, List.of("s1", "s2"), List.of(8L, 16L), List.of("P", "N"), true);
    }

    /** The commands every exploration starts with (not counted in the depth). */
    public List<Command> prefix() {
        if (stacked) {
            return StackedAlphabet.prefix(this);
        }
        return List.of(new DiskCommand("origin", originSectors), new DiskCommand("cow", cowSectors));
    }

    /** The alphabet: every command tried from every state. */
    public List<Command> alphabet() {
        if (stacked) {
            return StackedAlphabet.alphabet(this);
        }
        List<Command> out = new ArrayList<>();
        out.add(new CreateCommand("origin", "0 " + originSectors + " snapshot-origin /dev/disk/origin"));
        out.add(new SuspendCommand("origin"));
        out.add(new ResumeCommand("origin"));
        out.add(new RemoveCommand("origin"));
        out.add(new WriteCommand(DevicePath.mapper("origin"), 0, 8, "A"));
        out.add(new WriteCommand(DevicePath.mapper("origin"), 8, 16, "B"));
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
            out.add(new WriteCommand(DevicePath.mapper(dev), 4, 4, "B"));
        }
        return out;
    }
}
