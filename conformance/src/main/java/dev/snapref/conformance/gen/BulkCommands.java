package dev.snapref.conformance.gen;

import dev.snapref.model.DeviceAbstraction;
import dev.snapref.model.SnapshotAbstraction;
import dev.snapref.model.StoreType;
import dev.snapref.model.WorldAbstraction;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.CreateCommand;
import dev.snapref.scenario.DevicePath;
import dev.snapref.scenario.RemoveCommand;
import dev.snapref.scenario.ResumeCommand;
import dev.snapref.scenario.SuspendCommand;
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

    /**
     * A write over many chunks (64 to 512 sectors to the origin); sometimes past the device's end. Mostly to a live persistent
     * snapshot of {@code w} with the smallest chunk, sized to one to three of its metadata areas'
     * worth of chunks and part of another (at most 3 areas: the model's cost grows with the square of
     * the exceptions one write makes; every chunk a snapshot write touches gets an exception,
     * so areas roll over and one is left partly filled); else to the origin device {@code origin}
     * ({@code size} sectors), after suspending and resuming it so its split boundary is the
     * snapshots' chunk size (an origin resumed before its snapshots copies one chunk per bio).
     */
    List<Command> write(WorldAbstraction w, String origin, long size, String label, Map<String, String> tables) {
        String snap = persistentSnapshot(w);
        long chunk = snap == null ? 0 : w.device(snap).flatMap(DeviceAbstraction::liveSnapshot).orElseThrow().chunkSize();
        if (snap != null && rnd.nextInt(3) != 0) {
            long perArea = chunk * 512 / 16;
            long count = chunk * (perArea * (1 + rnd.nextInt(2)) + 1 + rnd.nextLong(perArea - 1));
            List<Command> out = new ArrayList<>();
            out.add(new WriteCommand(DevicePath.mapper(snap), 0, Math.min(count, size), label));
            if (tables.containsKey(snap) && rnd.nextBoolean()) {
                out.addAll(reloadOf(snap, tables.get(snap)));
            }
            return out;
        }
        long sector = rnd.nextInt(3) == 0 ? rnd.nextLong(Math.max(1, size / 2)) : 0;
        long count = 64 + rnd.nextLong(Math.max(1, Math.min(size, 448)));
        if (rnd.nextInt(8) != 0) {
            count = Math.min(count, size - sector);
        }
        List<Command> out = new ArrayList<>();
        if (rnd.nextInt(4) != 0) {
            out.add(new SuspendCommand(origin));
            out.add(new ResumeCommand(origin));
        }
        out.add(new WriteCommand(DevicePath.mapper(origin), sector, Math.max(1, count), label));
        return out;
    }

    /** A snapshot made as LVM makes it: suspend the origin, create the snapshot, resume the origin. */
    List<Command> snapshotTheLvmWay(String name, String table) {
        return List.of(new SuspendCommand("origin"), new CreateCommand(name, table), new ResumeCommand("origin"));
    }

    /** The live, valid persistent snapshot of {@code w} with the smallest chunk size, or null. */
    private static String persistentSnapshot(WorldAbstraction w) {
        String best = null;
        long bestChunk = 0;
        for (DeviceAbstraction d : w.devices().values()) {
            SnapshotAbstraction s = d.liveSnapshot().orElse(null);
            if (s != null && s.storeType() == StoreType.PERSISTENT && s.valid() && s.chunkSize() > 0
                    && (best == null || s.chunkSize() < bestChunk)) {
                best = d.name();
                bestChunk = s.chunkSize();
            }
        }
        return best;
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
        return reloadOf(name, tables.get(name));
    }

    /** Remove {@code name}, create it again with {@code table} (a third of the time with chunk size 0). */
    private List<Command> reloadOf(String name, String table) {
        String t = rnd.nextInt(3) == 0 ? withChunkZero(table) : table;
        return List.of(new RemoveCommand(name), new CreateCommand(name, t));
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
