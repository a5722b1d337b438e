package dev.snapref.conformance.gen;

import dev.snapref.conformance.targets.OutOfScope;
import dev.snapref.conformance.targets.TargetSession;
import dev.snapref.model.DeviceAbstraction;
import dev.snapref.model.WorldAbstraction;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.CreateCommand;
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
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Generator of LVM-shaped scripts: one disk {@code pv} holding the origin LV ({@code vg-o-real},
 * linear) under {@code vg-o} (snapshot-origin), and up to three snapshots {@code vg-sN} on linear
 * cows {@code vg-sN-cow}, driven by the lvm2 flows as LVM issues them (lvcreate -s with the
 * origin suspended around it, lvchange reloads, lvconvert --merge as a handover into
 * {@code snapshot-merge}, back to snapshot-origin or linear, lvremove) and, between them, single
 * commands in any order (writes and reads at every level of the stack, suspends and resumes of
 * any device, removes that hit EBUSY, merges whose source is not suspended or was removed).
 * Like {@link ScriptGenerator}, it drives a model session while it writes, so each step looks at
 * the model's world.
 *
 * <p>Deterministic for a seed. Scripts the model refuses ({@code ModelLimitation}: a request
 * that would wait on a suspended lower device) are skipped by the checkers, as any out-of-scope
 * script.
 */
public final class LvmScriptGenerator {
    static final long PV = 16384;
    static final long DATA_START = 2048;
    private static final long[] ORIGIN_SIZES = {256, 1024, 2048};
    private static final long[] COW_SIZES = {40, 64, 128, 512, 1024};
    private static final long[] CHUNKS = {8, 8, 16, 32, 4};
    private static final String[] TYPES = {"P", "P", "P", "PO", "N"};

    private final GeneratorConfig config;

    public LvmScriptGenerator(GeneratorConfig config) {
        this.config = config;
    }

    /** A script for {@code seed}, generated against a fresh session from {@code model}. */
    public Script generate(long seed, Supplier<TargetSession> model) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x4C564DL);
        try (TargetSession session = model.get()) {
            return new Run(rnd, session).script("lvm-seed-" + Long.toUnsignedString(seed));
        }
    }

    private final class Run {
        private final SplittableRandom rnd;
        private final TargetSession session;
        private final List<Command> commands = new ArrayList<>();
        private final long originSize;
        private long nextFree;
        private int labels;

        Run(SplittableRandom rnd, TargetSession session) {
            this.rnd = rnd;
            this.session = session;
            this.originSize = pick(ORIGIN_SIZES);
        }

        Script script(String name) {
            emit(new DiskCommand("pv", PV));
            emit(new CreateCommand("vg-o-real", linear(originSize, DATA_START)));
            emit(new CreateCommand("vg-o", "0 " + originSize + " snapshot-origin /dev/mapper/vg-o-real"));
            nextFree = DATA_START + originSize;
            emit(new WriteCommand(DevicePath.mapper("vg-o"), 0, Math.min(64, originSize), label()));
            int steps = config.minSteps() + rnd.nextInt(config.maxSteps() - config.minSteps() + 1);
            for (int i = 0; i < steps; i++) {
                step();
            }
            return Script.of(name, commands);
        }

        /** Applies {@code c} to the model and keeps it; a command the model refuses is dropped. */
        private void emit(Command c) {
            try {
                session.apply(c);
                commands.add(c);
            } catch (OutOfScope refused) {
                // e.g. a write that would wait on a suspended cow below: the kernel would hang there
            }
        }

        private void step() {
            WorldAbstraction w = session.world();
            int r = rnd.nextInt(20);
            if (r < 3) {
                lvcreateSnapshot(w);
            } else if (r < 4) {
                lvchange(w);
            } else if (r < 6) {
                lvconvertMerge(w);
            } else if (r < 7) {
                backToOrigin();
            } else if (r < 8) {
                lvremove(w);
            } else {
                emit(single(w));
            }
        }

        /** lvcreate -s: a linear cow, the origin suspended around the snapshot's creation. */
        private void lvcreateSnapshot(WorldAbstraction w) {
            String snap = freeSnapshot(w);
            if (snap == null) {
                return;
            }
            long cow = pick(COW_SIZES);
            if (nextFree + cow > PV) {
                return;
            }
            emit(new CreateCommand(snap + "-cow", linear(cow, nextFree)));
            nextFree += cow;
            boolean suspendOrigin = rnd.nextInt(5) != 0;
            if (suspendOrigin) {
                emit(new SuspendCommand("vg-o"));
            }
            emit(new CreateCommand(snap, snapshotTable(snap, "snapshot", pick(TYPES), pick(CHUNKS))));
            if (suspendOrigin) {
                emit(new ResumeCommand("vg-o"));
            }
        }

        /** lvchange -p r|rw: the snapshot's table reloaded on the same cow (a handover on one device). */
        private void lvchange(WorldAbstraction w) {
            String snap = anySnapshot(w);
            if (snap == null) {
                return;
            }
            emit(new LoadCommand(snap, snapshotTable(snap, "snapshot", rnd.nextBoolean() ? "P" : "PO", pick(CHUNKS))));
            if (rnd.nextInt(3) == 0) {
                emit(single(session.world()));
            }
            emit(new ResumeCommand(snap));
        }

        /** lvconvert --merge: snapshot-merge into the origin's device, suspend the snapshot, resume the origin. */
        private void lvconvertMerge(WorldAbstraction w) {
            String snap = anySnapshot(w);
            if (snap == null) {
                return;
            }
            emit(new LoadCommand("vg-o", snapshotTable(snap, "snapshot-merge", rnd.nextInt(6) == 0 ? "N" : "P",
                    pick(CHUNKS))));
            int variant = rnd.nextInt(8);
            if (variant == 0) {
                emit(new RemoveCommand(snap)); // cancelled
            } else if (variant != 1) {
                emit(new SuspendCommand(snap)); // variant 1: the source still runs (preresume refuses)
            }
            emit(new ResumeCommand("vg-o"));
            if (rnd.nextBoolean()) {
                emit(new StatusCommand("vg-o", false));
            }
        }

        /** The origin's device back to snapshot-origin (or plain linear) after a merge. */
        private void backToOrigin() {
            String table = rnd.nextInt(3) == 0 ? linear(originSize, DATA_START)
                    : "0 " + originSize + " snapshot-origin /dev/mapper/vg-o-real";
            emit(new LoadCommand("vg-o", table));
            emit(new ResumeCommand("vg-o"));
        }

        /** lvremove of a snapshot: the origin suspended, the snapshot and its cow removed. */
        private void lvremove(WorldAbstraction w) {
            String snap = anySnapshot(w);
            if (snap == null) {
                return;
            }
            emit(new SuspendCommand("vg-o"));
            emit(new RemoveCommand(snap));
            emit(new RemoveCommand(snap + "-cow"));
            emit(new ResumeCommand("vg-o"));
        }

        /** One command at any level of the stack. */
        private Command single(WorldAbstraction w) {
            String dev = anyDevice(w);
            return switch (rnd.nextInt(14)) {
                case 0, 1, 2 -> write("vg-o", originSize);
                case 3 -> write(dev, originSize);
                case 4, 5 -> read(rnd.nextBoolean() ? "vg-o" : dev, originSize);
                case 6 -> new ReadCommand(DevicePath.disk("pv"), DATA_START + rnd.nextLong(originSize), 16);
                case 7 -> new StatusCommand(dev, rnd.nextInt(4) == 0);
                case 8 -> new TableCommand(dev, rnd.nextInt(4) == 0);
                case 9 -> new InfoCommand(dev);
                case 10 -> new SuspendCommand(dev);
                case 11 -> new ResumeCommand(dev);
                case 12 -> new RemoveCommand(dev);
                default -> new CreateCommand("alias", rnd.nextInt(3) == 0 ? badLinear(originSize)
                        : linear(originSize, DATA_START + rnd.nextLong(originSize)));
            };
        }

        /**
         * A linear table linear_ctr or the area check refuses: a wrong argument count, a sector
         * sscanf does not take whole ("%llu%c": hex, a suffix, an exponent; a minus sign it does
         * take, as a huge sector), a device that does not exist, an area past the disk's end.
         */
        private String badLinear(long len) {
            String head = "0 " + len + " linear ";
            return switch (rnd.nextInt(5)) {
                case 0 -> head + "/dev/disk/pv" + (rnd.nextBoolean() ? "" : " " + DATA_START + " 7");
                case 1 -> head + "/dev/disk/pv " + pick(new String[] {"0x10", "8s", "1e3", "-8", " "}).strip();
                case 2 -> head + "/dev/disk/nosuch 0";
                default -> linear(len, PV - len / 2);
            };
        }

        private String snapshotTable(String snap, String type, String store, long chunk) {
            return "0 " + originSize + " " + type + " /dev/mapper/vg-o-real /dev/mapper/" + snap + "-cow " + store
                    + " " + chunk;
        }

        private String linear(long len, long offset) {
            return "0 " + len + " linear /dev/disk/pv " + offset;
        }

        private Command write(String dev, long size) {
            long sector = rnd.nextInt(8) == 0 ? size - rnd.nextInt(8) : rnd.nextLong(size);
            long count = pick(new long[] {1, 8, 8, 16, 32});
            return new WriteCommand(DevicePath.mapper(dev), Math.max(0, sector), count, label());
        }

        private Command read(String dev, long size) {
            return new ReadCommand(DevicePath.mapper(dev), rnd.nextLong(size), pick(new long[] {8, 16, 64}));
        }

        private String label() {
            return "L" + (labels++);
        }

        private String freeSnapshot(WorldAbstraction w) {
            for (String n : new String[] {"vg-s1", "vg-s2", "vg-s3"}) {
                if (!w.devices().containsKey(n) && !w.devices().containsKey(n + "-cow")) {
                    return n;
                }
            }
            return null;
        }

        private String anySnapshot(WorldAbstraction w) {
            List<String> snaps = new ArrayList<>();
            for (DeviceAbstraction d : w.devices().values()) {
                if (d.name().startsWith("vg-s") && !d.name().endsWith("-cow")) {
                    snaps.add(d.name());
                }
            }
            return snaps.isEmpty() ? null : snaps.get(rnd.nextInt(snaps.size()));
        }

        private String anyDevice(WorldAbstraction w) {
            List<String> names = new ArrayList<>(w.devices().keySet());
            return names.isEmpty() ? "vg-o" : names.get(rnd.nextInt(names.size()));
        }

        private long pick(long[] values) {
            return values[rnd.nextInt(values.length)];
        }

        private String pick(String[] values) {
            return values[rnd.nextInt(values.length)];
        }
    }
}
