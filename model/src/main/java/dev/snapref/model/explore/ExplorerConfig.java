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
import java.util.Optional;

/**
 * The small world the explorer searches: one origin disk with one {@code snapshot-origin}
 * device, one cow disk, snapshot devices, chunk sizes and store types, and three writes with two
 * labels: {@code A} on the origin's sectors 0-7, {@code B} on {@code farCount} origin sectors from
 * {@code farSector}, {@code B} on a snapshot's 4 sectors from {@code snapSector}. Queries (status,
 * table, info, read) change nothing and are left out of the alphabet; every invariant is a
 * predicate on states, so they add no coverage.
 *
 * <p>The named configurations ({@link #all()}, {@code snapref explore --config NAME}):
 * <ul>
 * <li>{@code default}: a 32-sector origin, a 40-sector cow, chunk sizes 8 and 16, P and N, three
 * snapshot devices. Handover, pairing and suspend orders in depth; a cow never fills an area
 * (at least 256 entries) and overflows only by a P/8 store's three data chunks.</li>
 * <li>{@code lvm}: the default alphabet on a 1 TiB origin whose {@code B} writes land on its last
 * sectors and a 1 GiB cow; two snapshot devices.</li>
 * <li>{@code rollover}: {@link #rollover()}, metadata area roll-over and overflow of P and PO
 * stores, explored to the depth that finds no new state (25).</li>
 * <li>{@code stacks}: {@link #stacks()}, LVM's world ({@link StackedAlphabet}): linear origin and
 * cow devices on one disk, snapshot-origin and snapshots on them, merges into the origin's
 * device.</li>
 * </ul>
 *
 * @param name             the configuration's name
 * @param originSectors    origin disk size (default 32 = 4 chunks of 8)
 * @param cowSectors       cow disk size (default 40: P/8 has 3 data chunks, so overflow is reachable)
 * @param farSector        where the origin's {@code B} write starts (default 8)
 * @param farCount         sectors of the origin's {@code B} write (default 16)
 * @param snapSector       where a snapshot's 4-sector write starts (default 4)
 * @param snapshotDevices  names of the snapshot devices
 * @param chunkSizes       chunk sizes used by tables
 * @param storeTypes       store types used by tables (P, N, PO)
 * @param stacked          LVM's world instead ({@link StackedAlphabet}): linear devices on one disk,
 *                         the origin and snapshots on them, merges
 */
public record ExplorerConfig(String name, long originSectors, long cowSectors, long farSector, long farCount,
                             long snapSector, List<String> snapshotDevices, List<Long> chunkSizes,
                             List<String> storeTypes, boolean stacked) {
    public ExplorerConfig {
        snapshotDevices = List.copyOf(snapshotDevices);
        chunkSizes = List.copyOf(chunkSizes);
        storeTypes = List.copyOf(storeTypes);
        if (farSector < 0 || farCount < 1 || farSector + farCount > originSectors || snapSector < 0
                || snapSector + 4 > originSectors) {
            throw new IllegalArgumentException("the writes must lie inside the origin");
        }
    }

    /** A configuration of the plain world (disks named in tables). */
    public ExplorerConfig(String name, long originSectors, long cowSectors, long farSector, long farCount,
                          long snapSector, List<String> snapshotDevices, List<Long> chunkSizes,
                          List<String> storeTypes) {
        this(name, originSectors, cowSectors, farSector, farCount, snapSector, snapshotDevices, chunkSizes,
                storeTypes, false);
    }

    /** The default configuration of {@code snapref explore}. */
    public static ExplorerConfig defaults() {
        return new ExplorerConfig("default", 32, 40, 8, 16, 4, List.of("s1", "s2", "s3"), List.of(8L, 16L),
                List.of("P", "N"));
    }

    /**
     * The default configuration on LVM-sized disks: a 1 TiB origin (2^31 sectors) whose {@code B}
     * writes land on its last 20 sectors, a 1 GiB cow (so it never overflows), two snapshot devices.
     */
    public static ExplorerConfig lvm() {
        long origin = 1L << 31;
        return new ExplorerConfig("lvm", origin, 1L << 21, origin - 16, 16, origin - 20, List.of("s1", "s2"),
                List.of(8L, 16L),
                List.of("P", "N"));
    }

    /**
     * Area roll-over and overflow: chunks of one sector, so a metadata area holds 32 exceptions,
     * and a 43-sector cow (header, area 0, 32 data chunks, area 1 at chunk 34, 8 data chunks). The
     * origin's {@code B} write of 32 sectors (8-39) makes 32 exceptions at once and fills area 0;
     * {@code A} (0-7) rolls over to area 1 and fills the cow exactly; the snapshot's write (40-43)
     * then overflows it (PO: "Overflow"; P: invalid), and an origin write that does not fit
     * invalidates either (as {@code __origin_write} does). P and PO (overflow sets "Overflow" instead of
     * invalidating) stores on one snapshot device, with every order of the writes, suspends,
     * removes and re-creations (a re-created P store reads back the areas a previous one left).
     * Finite: no new state after depth 25 (253,472 states, 3,802,080 transitions). Transient
     * overflow and handover are the default configuration's (two devices here would multiply the
     * states past what a fixpoint run can hold in minutes).
     *
     * <p>Merges are not in this configuration: with a {@code snapshot-merge} table (P, chunk 1)
     * created and loaded on s1 as the snapshot tables are, the search found 7.3 million states by depth 25 and was
     * still growing at 25,000 new states a second (a merge puts back any prefix of the writes'
     * chunks, and every later write and overflow starts from each), so no fixpoint run fits in
     * minutes. Merges of rolled-over stores are covered by the goldens
     * ({@code lvconvert-merge-multi-area}) and the fuzzers; the {@code stacks} configuration
     * explores merges to a bounded depth.
     */
    public static ExplorerConfig rollover() {
        return new ExplorerConfig("rollover", 44, 43, 8, 32, 40, List.of("s1"), List.of(1L), List.of("P", "PO"));
    }

    /**
     * LVM's stacks ({@code snapref explore --config stacks}, or {@code --stacks}): origin and cow as
     * linear devices on one disk, snapshots s1 and s2 (P, chunk sizes 8 and 16), a P merge table.
     */
    public static ExplorerConfig stacks() {
        return new ExplorerConfig("stacks", 32, 40, 8, 16, 4, List.of("s1", "s2"), List.of(8L, 16L),
                List.of("P", "N"), true);
    }

    /** Every named configuration, the default first. */
    public static List<ExplorerConfig> all() {
        return List.of(defaults(), lvm(), rollover(), stacks());
    }

    /** The configuration called {@code name}, or empty. */
    public static Optional<ExplorerConfig> named(String name) {
        return all().stream().filter(c -> c.name().equals(name)).findFirst();
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
        out.add(new WriteCommand(DevicePath.mapper("origin"), farSector, farCount, "B"));
        for (String dev : snapshotDevices) {
            List<String> tables = new ArrayList<>();
            for (String type : storeTypes) {
                for (long chunk : chunkSizes) {
                    tables.add("0 " + originSectors + " snapshot /dev/disk/origin /dev/disk/cow " + type + " " + chunk);
                }
            }
            for (String table : tables) {
                out.add(new CreateCommand(dev, table));
                out.add(new LoadCommand(dev, table));
            }
            out.add(new CreateNoTableCommand(dev));
            out.add(new SuspendCommand(dev));
            out.add(new ResumeCommand(dev));
            out.add(new RemoveCommand(dev));
            out.add(new WriteCommand(DevicePath.mapper(dev), snapSector, 4, "B"));
        }
        return out;
    }
}
