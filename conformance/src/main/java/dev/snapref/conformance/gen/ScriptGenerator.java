package dev.snapref.conformance.gen;

import dev.snapref.conformance.targets.TargetSession;
import dev.snapref.model.DeviceAbstraction;
import dev.snapref.model.WorldAbstraction;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.CreateCommand;
import dev.snapref.scenario.CreateNoTableCommand;
import dev.snapref.scenario.DevicePath;
import dev.snapref.scenario.DiskCommand;
import dev.snapref.scenario.InfoCommand;
import dev.snapref.scenario.LoadCommand;
import dev.snapref.scenario.ReadCommand;
import dev.snapref.scenario.RemoveCommand;
import dev.snapref.scenario.ResumeCommand;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.StatusCommand;
import dev.snapref.scenario.SuspendCommand;
import dev.snapref.scenario.TableCommand;
import dev.snapref.scenario.WriteCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Model-guided generator of random scenario scripts. It drives a model session while it
 * writes: at each step it looks at the model's abstract world (which devices exist, which are
 * suspended, which hold snapshot or origin tables, live or inactive) and picks among the
 * commands that are meaningful there, including every error path (a third table on a cow,
 * resumes in the wrong order, removal mid-handover, bad tables, I/O to invalid or suspended
 * devices, overflow of small cows, unknown devices). Chunk sizes, store types and device sizes
 * vary per script; command weights are drawn per seed ({@link SwarmWeights}); disk sizes are small
 * or, as a swarm option, LVM-sized ({@link SizeProfile}).
 *
 * <p>Deterministic: the same seed and config give the same script.
 */
public final class ScriptGenerator {
    private static final String[] SNAP_NAMES = {"s1", "s2", "s3", "s4"};
    private static final long[] ORIGIN_SIZES = {256, 512, 1024, 4096};
    private static final long[] COW_SIZES = {24, 40, 64, 96, 128, 256, 1024};
    private static final long[] CHUNKS = {8, 8, 16, 16, 32, 4};

    private final GeneratorConfig config;
    private final boolean stacks;

    public ScriptGenerator(GeneratorConfig config) {
        this(config, false);
    }

    private ScriptGenerator(GeneratorConfig config, boolean stacks) {
        this.config = config;
        this.stacks = stacks;
    }

    /**
     * This generator, also writing LVM stacks and merges ({@link LvmScriptGenerator}) for one seed
     * in three; the other seeds give the same scripts as without.
     */
    public ScriptGenerator withStacks() {
        return new ScriptGenerator(config, true);
    }

    /** A script for {@code seed}, generated against a fresh session from {@code model}. */
    public Script generate(long seed, Supplier<TargetSession> model) {
        if (stacks && Long.remainderUnsigned(seed * 0x9E3779B97F4A7C15L, 3) == 0) {
            return new LvmScriptGenerator(config).generate(seed, model);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        SplittableRandom own = SwarmSettings.streamFor(seed);
        Shapes shapes = new Shapes(config.shapes() ? SwarmSettings.draw(own) : SwarmSettings.CLASSIC, own);
        try (TargetSession session = model.get()) {
            return new Run(rnd, shapes, session).script("seed-" + Long.toUnsignedString(seed));
        }
    }

    /** The swarm settings the script of {@code seed} is generated with (issue 14's geometry and bulk switches). */
    public static SwarmSettings settingsOf(long seed) {
        return SwarmSettings.draw(SwarmSettings.streamFor(seed));
    }

    private final class Run {
        private final SplittableRandom rnd;
        private final TargetSession session;
        private final SwarmWeights weights;
        private final Shapes shapes;
        private final BulkCommands bulk;
        private final java.util.ArrayDeque<Command> queued = new java.util.ArrayDeque<>();
        /** The snapshot tables this script created or loaded, by device (what a reload recreates). */
        private final Map<String, String> tables = new java.util.HashMap<>();
        private final List<Command> commands = new ArrayList<>();
        private final long originSize;
        /** LVM-sized disks ({@link SizeProfile}): I/O goes to hot spots, not anywhere. */
        private final boolean large;
        /** The script's random hot spot on the origin (LVM-sized scripts only). */
        private final long hotSpot;
        private final List<String> cows = new ArrayList<>();
        private final Map<String, Long> cowSizes = new java.util.HashMap<>();
        private int labels;

        Run(SplittableRandom rnd, Shapes shapes, TargetSession session) {
            this.rnd = rnd;
            this.session = session;
            this.shapes = shapes;
            this.bulk = new BulkCommands(shapes.rnd());
            this.weights = SwarmWeights.draw(rnd).withBulk(shapes.settings().bulk(), shapes.rnd());
            this.large = config.sizes().large(rnd);
            this.originSize = large ? pick(SizeProfile.LVM_ORIGINS) : shapes.originSize(pick(ORIGIN_SIZES));
            this.hotSpot = large ? rnd.nextLong(originSize) & -8L : 0;
        }

        Script script(String name) {
            emit(new DiskCommand("origin", originSize));
            int nCows = 1 + rnd.nextInt(2);
            for (int i = 0; i < nCows; i++) {
                String cow = i == 0 ? "cow" : "cow" + (i + 1);
                long size = large ? pick(SizeProfile.LVM_COWS) : shapes.cowSize(pick(COW_SIZES));
                cows.add(cow);
                cowSizes.put(cow, size);
                emit(new DiskCommand(cow, size));
            }
            emit(new CreateCommand("origin", "0 " + originSize + " snapshot-origin /dev/disk/origin"));
            if (rnd.nextInt(3) == 0) {
                emit(new WriteCommand(DevicePath.mapper("origin"), 0, Math.min(64, originSize), label()));
            }
            if (shapes.settings().bulk() && shapes.rnd().nextInt(10) < 7) {
                bulk.snapshotTheLvmWay("s1", persistent(snapshotTable())).forEach(this::emit);
            }
            int steps = config.minSteps() + rnd.nextInt(config.maxSteps() - config.minSteps() + 1);
            for (int i = 0; i < steps; i++) {
                Command c = next();
                if (c != null) {
                    emit(c);
                }
            }
            return Script.of(name, commands);
        }

        private void emit(Command c) {
            commands.add(c);
            session.apply(c);
            if (c instanceof CreateCommand cc && cc.table().contains(" snapshot ")) {
                tables.put(cc.name(), cc.table());
            } else if (c instanceof LoadCommand l && l.table().contains(" snapshot ")) {
                tables.put(l.name(), l.table());
            }
        }

        private Command next() {
            if (!queued.isEmpty()) {
                return queued.poll();
            }
            CommandKind kind = chooseKind();
            WorldAbstraction w = session.world();
            return switch (kind) {
                case CREATE_SNAPSHOT -> freeName(w) == null ? null
                        : new CreateCommand(freeName(w), snapshotTable());
                case CREATE_NOTABLE -> freeName(w) == null ? null : new CreateNoTableCommand(freeName(w));
                case LOAD_SNAPSHOT -> new LoadCommand(anyDevice(w), snapshotTable());
                case LOAD_ORIGIN -> new LoadCommand(anyDevice(w), "0 " + originSize + " snapshot-origin /dev/disk/origin");
                case BAD_TABLE -> rnd.nextBoolean() && freeName(w) != null
                        ? new CreateCommand(freeName(w), badTable()) : new LoadCommand(anyDevice(w), badTable());
                case SUSPEND -> new SuspendCommand(anyDevice(w));
                case RESUME -> new ResumeCommand(anyDevice(w));
                case REMOVE -> {
                    String victim = removable(w);
                    yield victim == null ? null : new RemoveCommand(victim);
                }
                case WRITE_ORIGIN -> write(DevicePath.mapper(originDevice(w)), originSize);
                case WRITE_SNAPSHOT -> write(DevicePath.mapper(anySnapshot(w)), originSize);
                case WRITE_DISK -> write(DevicePath.disk("origin"), originSize);
                case READ_MAPPED -> read(DevicePath.mapper(rnd.nextInt(4) == 0 ? originDevice(w) : anySnapshot(w)),
                        originSize);
                case READ_DISK -> readDisk();
                case STATUS -> new StatusCommand(anyDevice(w), rnd.nextInt(4) == 0);
                case TABLE -> new TableCommand(anyDevice(w), rnd.nextInt(4) == 0);
                case INFO -> new InfoCommand(anyDevice(w));
                case UNKNOWN_DEVICE -> unknownDevice();
                case BULK_WRITE -> {
                    queued.addAll(bulk.write(w, originDevice(w), originSize, label(), tables));
                    yield queued.poll();
                }
                case RELOAD -> {
                    queued.addAll(bulk.reload(w, tables));
                    yield queued.poll();
                }
            };
        }

        private CommandKind chooseKind() {
            double total = 0;
            for (CommandKind k : CommandKind.values()) {
                total += weights.weight(k);
            }
            double r = rnd.nextDouble() * total;
            for (CommandKind k : CommandKind.values()) {
                r -= weights.weight(k);
                if (r < 0) {
                    return k;
                }
            }
            return CommandKind.WRITE_ORIGIN;
        }

        private String snapshotTable() {
            String cow = cows.get(rnd.nextInt(cows.size()));
            int t = rnd.nextInt(20);
            String type = t < 12 ? "P" : t < 17 ? "N" : "PO";
            long chunk = rnd.nextInt(12) == 0 ? 0 : shapes.chunk(pick(CHUNKS));
            long len = rnd.nextInt(10) == 0 ? originSize / 2 : originSize;
            return "0 " + len + " snapshot /dev/disk/origin /dev/disk/" + cow + " " + type + " " + chunk
                    + shapes.features();
        }

        /** {@code table} with a persistent store (P for N; PO stays). */
        private static String persistent(String table) {
            return table.replace(" N ", " P ");
        }

        private String badTable() {
            String cow = "/dev/disk/" + cows.get(0);
            return switch (rnd.nextInt(8)) {
                case 0 -> "0 " + originSize + " snapshot /dev/disk/origin " + cow + " P";
                case 1 -> "0 " + originSize + " snapshot /dev/disk/origin " + cow + " P 12";
                case 2 -> "0 " + originSize + " snapshot /dev/disk/origin " + cow + " X 8";
                case 3 -> "0 " + originSize + " snapshot-origin";
                case 4 -> "0 " + originSize + " snapshot-origin /dev/disk/origin " + cow;
                case 5 -> "0 " + originSize + " snapshot /dev/disk/origin " + cow + " N 0";
                case 6 -> "0 " + (originSize * 2) + " snapshot-origin /dev/disk/origin";
                default -> "0 " + originSize + " snapshot /dev/disk/origin /dev/disk/nosuch P 8";
            };
        }

        private Command write(DevicePath dev, long size) {
            long sector = rnd.nextInt(8) == 0 ? size - rnd.nextInt(8) : anywhere(size);
            long count = pick(new long[] {1, 2, 8, 8, 16, 24, 32, 64});
            return new WriteCommand(dev, Math.max(0, sector), count, label());
        }

        private Command read(DevicePath dev, long size) {
            long sector = anywhere(size);
            long count = pick(new long[] {1, 8, 16, 32, 64});
            return new ReadCommand(dev, sector, count);
        }

        private Command readDisk() {
            if (rnd.nextBoolean()) {
                String cow = cows.get(rnd.nextInt(cows.size()));
                long size = cowSizes.get(cow);
                return new ReadCommand(DevicePath.disk(cow), anywhere(size), Math.min(size, 32));
            }
            return read(DevicePath.disk("origin"), originSize);
        }

        private Command unknownDevice() {
            return switch (rnd.nextInt(6)) {
                case 0 -> new InfoCommand("ghost");
                case 1 -> new RemoveCommand("ghost");
                case 2 -> new ResumeCommand("ghost");
                case 3 -> new LoadCommand("ghost", "0 " + originSize + " snapshot-origin /dev/disk/origin");
                case 4 -> new ReadCommand(DevicePath.mapper("ghost"), 0, 8);
                default -> new StatusCommand("ghost", false);
            };
        }

        private String label() {
            return "L" + (labels++);
        }

        private String freeName(WorldAbstraction w) {
            for (String n : SNAP_NAMES) {
                if (!w.devices().containsKey(n)) {
                    return n;
                }
            }
            return null;
        }

        private String anyDevice(WorldAbstraction w) {
            List<String> names = new ArrayList<>(w.devices().keySet());
            if (names.isEmpty() || rnd.nextInt(25) == 0) {
                return "ghost";
            }
            return names.get(rnd.nextInt(names.size()));
        }

        private String removable(WorldAbstraction w) {
            List<String> names = new ArrayList<>(w.devices().keySet());
            names.remove("origin");
            if (names.isEmpty()) {
                return rnd.nextInt(10) == 0 && w.devices().containsKey("origin") ? "origin" : null;
            }
            return names.get(rnd.nextInt(names.size()));
        }

        private String anySnapshot(WorldAbstraction w) {
            List<String> snaps = new ArrayList<>();
            for (DeviceAbstraction d : w.devices().values()) {
                if (d.liveSnapshot().isPresent()) {
                    snaps.add(d.name());
                }
            }
            return snaps.isEmpty() ? anyDevice(w) : snaps.get(rnd.nextInt(snaps.size()));
        }

        private String originDevice(WorldAbstraction w) {
            for (DeviceAbstraction d : w.devices().values()) {
                if (d.liveOrigin().isPresent()) {
                    return d.name();
                }
            }
            return "origin";
        }

        /**
         * A sector of a device of {@code size} sectors: anywhere on small disks; on LVM-sized ones
         * one time in five anywhere, else within 4096 sectors of a hot spot (the start, the middle,
         * the end, the script's random spot), so chunks are written more than once.
         */
        private long anywhere(long size) {
            if (!large || size <= 8192 || rnd.nextInt(5) == 0) {
                return rnd.nextLong(size);
            }
            long[] spots = {0, (size / 2) & -8L, size - 4096, Math.min(hotSpot, size - 4096)};
            return spots[rnd.nextInt(spots.length)] + rnd.nextLong(4096);
        }

        private long pick(long[] values) {
            return values[rnd.nextInt(values.length)];
        }
    }
}
