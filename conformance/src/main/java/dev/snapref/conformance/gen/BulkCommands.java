package dev.snapref.conformance.gen;

import dev.snapref.model.DeviceAbstraction;
import dev.snapref.model.SnapshotAbstraction;
import dev.snapref.model.StoreType;
import dev.snapref.model.WorldAbstraction;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.CreateCommand;
import dev.snapref.scenario.DevicePath;
import dev.snapref.scenario.RemoveCommand;
import dev.snapref.scenario.WriteCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The bulk mode of the generator ({@link SwarmSettings#bulk()}): writes that cover hundreds of
 * chunks in one command (an origin write copies every chunk it covers into each snapshot, so a
 * few commands fill one, two or more metadata areas of a small-chunk persistent store), and
 * reloads — remove a persistent snapshot, create it again with the same table (or with chunk
 * size 0: the store's own) — so a store whose last area is partly filled is read back
 * ({@code read_exceptions}, next_free after the last area, CVE-2013-4299's territory).
 *
 * <p>Draws from the settings' stream only. Limits: a reload needs a live persistent snapshot
 * whose table this script created; otherwise it yields no command.
 */
final class BulkCommands {
    private final SplittableRandom rnd;

    BulkCommands(SplittableRandom rnd) {
        this.rnd = rnd;
    }

    /** A write over many chunks of {@code dev} (size {@code size} sectors); sometimes past its end. */
    Command write(DevicePath dev, long size, String label) {
        long sector = rnd.nextInt(3) == 0 ? rnd.nextLong(Math.max(1, size / 2)) : 0;
        long count = 64 + rnd.nextLong(Math.max(1, Math.min(size, 2048)));
        if (rnd.nextInt(8) != 0) {
            count = Math.min(count, size - sector);
        }
        return new WriteCommand(dev, sector, Math.max(1, count), label);
    }

    /**
     * The commands of a reload of one live persistent snapshot whose table is in {@code tables}
     * (device name to table): remove, then create again; empty when there is none.
     */
    List<Command> reload(WorldAbstraction w, Map<String, String> tables) {
        List<String> candidates = new ArrayList<>();
        for (DeviceAbstraction d : w.devices().values()) {
            boolean persistent = d.liveSnapshot().map(SnapshotAbstraction::storeType)
                    .filter(t -> t == StoreType.PERSISTENT).isPresent();
            if (persistent && tables.containsKey(d.name())) {
                candidates.add(d.name());
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        String name = candidates.get(rnd.nextInt(candidates.size()));
        String table = tables.get(name);
        if (rnd.nextInt(3) == 0) {
            table = withChunkZero(table);
        }
        return List.of(new RemoveCommand(name), new CreateCommand(name, table));
    }

    /** The table with its chunk size word (the 7th) replaced by 0. */
    static String withChunkZero(String table) {
        String[] w = table.trim().split("\\s+");
        if (w.length < 7) {
            return table;
        }
        w[6] = "0";
        return String.join(" ", w);
    }
}
