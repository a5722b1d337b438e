package dev.snapref.conformance.fault;

import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.engine.block.BlockOp;
import dev.snapref.engine.block.Fault;
import dev.snapref.engine.block.FaultAtlas;
import dev.snapref.engine.block.FaultyBlockDevice;
import dev.snapref.conformance.targets.engine.InspectedDevice;
import dev.snapref.conformance.targets.engine.InspectedTable;
import dev.snapref.model.Disk;
import dev.snapref.model.Model;
import dev.snapref.model.ModelState;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.CreateCommand;
import dev.snapref.scenario.LoadCommand;
import dev.snapref.scenario.DevicePath;
import dev.snapref.scenario.Outcome;
import dev.snapref.scenario.ReadCommand;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.TranscriptStep;
import dev.snapref.scenario.WriteCommand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Fault injection (issue 7): one fault per script on one cow (EIO on a read, write or flush, or a
 * torn write), at a request chosen from the seed among those a fault-free run issues (the atlas).
 * The engine runs the script with the fault; the model runs it without. Checked:
 * <ul>
 * <li>until the fault fires the transcripts are identical;</li>
 * <li>commands on devices that do not use the faulted cow (the origin above all) still answer as
 *     the model does: same outcome and output, and kernel messages apart from invalidation ones;</li>
 * <li>a snapshot on the faulted cow answers reads either with EIO or with the model's data (never
 *     with wrong data), and a snapshot invalidated by the fault logs the kernel's
 *     "Invalidating snapshot: Error reading/writing." and reports {@code Invalid};</li>
 * <li>at the end every disk that is not a cow holds exactly the model's data (a fault never changes
 *     the origin), and every snapshot still valid reads back the model's data in full;</li>
 * <li>no Java exception, no hang ({@link ScriptModeCampaign} guards).</li>
 * </ul>
 * Limits: after a snapshot write on the faulted cow fails with EIO while the snapshot stays valid
 * (a failed write to an existing exception), that cow's data is no longer compared (the sectors
 * are legitimately undefined); a device whose answers diverge in a way the rules cannot judge is
 * dropped from comparison ("lost", counted), and every other cow its tables use (engine's or
 * model's) is tainted too: a divergence of a device using such a cow drops it as well (a load that
 * failed on the fault leaves the old inactive table, which pairs differently with later tables on
 * its cow). A table loaded on such a cow (or on the faulted cow after a device on it was lost)
 * may pair differently in the handover, so its data is no longer judged.
 */
public final class FaultCampaign implements ScriptMode {
    private static final dev.snapref.scenario.Errno EIO_ERRNO = dev.snapref.scenario.Errno.EIO;
    private static final String INVALIDATING = "snapshots: Invalidating snapshot: Error reading/writing.";

    private final Set<EngineBug> bugs;

    public FaultCampaign(Set<EngineBug> bugs) {
        this.bugs = Set.copyOf(bugs);
    }

    @Override
    public String name() {
        return "faults";
    }

    /** The cow and atlas this seed chooses for {@code script}, or empty if it has no cow I/O. */
    Optional<Map.Entry<String, FaultAtlas>> atlas(Script script, long seed, List<ModelState> states) {
        List<String> cows = new ArrayList<>(ModelCows.cowDisks(states));
        Map<String, FaultAtlas> none = new HashMap<>();
        cows.forEach(c -> none.put(c, FaultAtlas.NONE));
        FaultyEngine census = new FaultyEngine(bugs, none, false);
        for (Command c : script.commands()) {
            census.apply(c);
        }
        Random rnd = new Random(seed ^ 0x5EEDFA17L);
        List<String> used = cows.stream().filter(c -> census.cow(c) != null && census.cow(c).count(BlockOp.Kind.WRITE) > 0)
                .toList();
        if (used.isEmpty()) {
            return Optional.empty();
        }
        String cow = used.get(rnd.nextInt(used.size()));
        FaultyBlockDevice d = census.cow(cow);
        int roll = rnd.nextInt(10);
        BlockOp.Kind kind = roll < 6 || d.count(roll < 8 ? BlockOp.Kind.FLUSH : BlockOp.Kind.READ) == 0
                ? BlockOp.Kind.WRITE : roll < 8 ? BlockOp.Kind.FLUSH : BlockOp.Kind.READ;
        int index = rnd.nextInt(d.count(kind));
        Fault fault = Fault.eio();
        if (kind == BlockOp.Kind.WRITE && rnd.nextInt(10) < 4) {
            BlockOp op = d.log().stream().filter(o -> o.kind() == BlockOp.Kind.WRITE && o.kindIndex() == index)
                    .findFirst().orElseThrow();
            if (op.count() > 1) {
                fault = Fault.torn(rnd.nextInt(op.count()));
            }
        }
        return Optional.of(Map.entry(cow, new FaultAtlas(List.of(new FaultAtlas.Rule(kind, index, fault)))));
    }

    @Override
    public List<String> describe(Script script, long seed) {
        Model.Trace t = Model.trace(script);
        return atlas(script, seed, t.states()).map(e -> List.of("faults: " + e.getKey() + ": " + e.getValue()))
                .orElse(List.of("faults: none (no cow I/O)"));
    }

    @Override
    public Optional<Finding> check(Script script, long seed, Map<String, Long> counts) {
        Model.Trace trace = Model.trace(script);
        Optional<Map.Entry<String, FaultAtlas>> plan = atlas(script, seed, trace.states());
        if (plan.isEmpty()) {
            counts.merge("scripts-without-cow-io", 1L, Long::sum);
            return Optional.empty();
        }
        String cow = plan.get().getKey();
        FaultyEngine engine = new FaultyEngine(bugs, Map.of(cow, plan.get().getValue()), true);
        Run run = new Run(engine, cow, trace, counts);
        List<Command> commands = script.commands();
        for (int i = 0; i < commands.size(); i++) {
            Optional<Finding> f = run.step(i, commands.get(i));
            if (f.isPresent()) {
                return f;
            }
        }
        if (engine.cow(cow).fired().isEmpty()) {
            counts.merge("faults-not-reached", 1L, Long::sum);
        } else {
            counts.merge("faults-fired", 1L, Long::sum);
        }
        return run.finish();
    }

    /** One faulty run against the model's trace. */
    private static final class Run {
        final FaultyEngine engine;
        final String cow;
        final Model.Trace trace;
        final Map<String, Long> counts;
        final Set<String> lost = new HashSet<>();
        /** A snapshot-origin device, or a snapshot of the origin, was lost in either world: every snapshot may follow. */
        private boolean originLost;
        /** Cows other than the faulted one whose devices may diverge: used by a lost device's tables. */
        final Set<String> alsoTainted = new HashSet<>();
        /** Cows a lost device's tables used or a lost device's command named (the faulted one included). */
        final Set<String> suspectCows = new HashSet<>();
        /**
         * Devices that loaded a table on a suspect cow: it may pair (handover) with a table the model
         * does not have, or miss one the model has, so its data is not the model's to judge.
         */
        final Set<String> dataUnknownDevices = new HashSet<>();
        final Map<String, Boolean> wasValid = new HashMap<>();
        boolean dataUnknown;

        Run(FaultyEngine engine, String cow, Model.Trace trace, Map<String, Long> counts) {
            this.engine = engine;
            this.cow = cow;
            this.trace = trace;
            this.counts = counts;
        }

        boolean fired() {
            return firedCount() > 0;
        }

        int firedCount() {
            FaultyBlockDevice d = engine.cow(cow);
            return d == null ? 0 : d.fired().size();
        }

        Optional<Finding> step(int i, Command c) {
            int firedBefore = firedCount();
            TranscriptStep e = engine.apply(c);
            TranscriptStep m = trace.steps().get(i);
            counts.merge("commands", 1L, Long::sum);
            String at = "step " + (i + 1) + " (" + c.echo() + ")";
            String dev = deviceOf(c);
            if (dev != null && dev.startsWith("/dev/disk/") && ModelCows.cowDisks(trace.states()).contains(dev.substring(10))) {
                return Optional.empty(); // raw cow content: stale data, not the model's zeros
            }
            if (!fired()) {
                return e.equals(m) ? Optional.empty()
                        : Optional.of(new Finding("faults:diverged-before-fault", at + ": engine " + e.render()
                        + " model " + m.render()));
            }
            boolean firedNow = firedCount() > firedBefore;
            if (firedNow) {
                at += " [fault fired: " + String.join("; ", engine.cow(cow).fired()) + "]";
            }
            Optional<Finding> inv = checkInvalidations(e, at, firedNow);
            if (inv.isPresent()) {
                return inv;
            }
            if (dev == null) {
                return Optional.empty(); // a disk declaration
            }
            if (dev.startsWith("/dev/disk/")) {
                boolean cowDisk = ModelCows.cowDisks(trace.states()).contains(dev.substring(10));
                if (!cowDisk && !lost.isEmpty() && !same(e, m)) {
                    // as at the end: a lost device's table (e.g. the old one a failed load left)
                    // maps writes elsewhere than the model's, so the disks behind it cannot be judged
                    counts.merge("disk-checks-skipped", 1L, Long::sum);
                    return Optional.empty();
                }
                return cowDisk || same(e, m) ? Optional.empty()
                        : Optional.of(new Finding("faults:disk-io-diverged", at + ": engine " + e.render() + " model "
                        + m.render()));
            }
            if (lost.contains(dev)) {
                for (String other : namedCows(c)) {
                    suspect(other);
                }
                return Optional.empty();
            }
            if ((c instanceof CreateCommand || c instanceof LoadCommand)
                    && namedCows(c).stream().anyMatch(suspectCows::contains)) {
                dataUnknownDevices.add(dev);
            }
            boolean names = names(c, cow);
            if (!names && !tainted(dev, i) && secondaryCow(c, dev, i).isPresent()) {
                // a cow a lost device's tables use: the lost device's old or new table changes what
                // tables on it do (handover pairing), so a divergence here follows from the fault
                if (!same(e, m)) {
                    lose(dev, i);
                    counts.merge("devices-lost-on-secondary-cow", 1L, Long::sum);
                }
                return Optional.empty();
            }
            if (!names && !tainted(dev, i) && originLost && !same(e, m)) {
                // a diverged snapshot-origin device writes (or not) into every snapshot of its
                // origin, including snapshots created after it diverged
                lose(dev, i);
                counts.merge("devices-lost-behind-a-lost-origin", 1L, Long::sum);
                return Optional.empty();
            }
            if (!names && !tainted(dev, i)) {
                if (same(e, m)) {
                    return Optional.empty();
                }
                return Optional.of(new Finding("faults:untainted-device-diverged", at + ": " + dev + " does not use "
                        + cow + ", yet engine " + e.render() + " model " + m.render()));
            }
            return tainted(c, dev, i, e, m, at);
        }

        private static boolean names(Command c, String disk) {
            return c.echo().contains("/dev/disk/" + disk + " ") || c.echo().contains("/dev/disk/" + disk + "'");
        }

        /** A cow in {@link #alsoTainted} that the command names or a table of {@code dev} uses. */
        private Optional<String> secondaryCow(Command c, String dev, int i) {
            for (String other : alsoTainted) {
                if (names(c, other) || cowsOf(dev, i).contains(other)) {
                    return Optional.of(other);
                }
            }
            return Optional.empty();
        }

        /** Cows a table of {@code dev} uses: the engine's tables now, the model's before and after step i. */
        private Set<String> cowsOf(String dev, int i) {
            Set<String> out = new HashSet<>();
            for (InspectedDevice d : InspectedDevice.all(engine.dm)) {
                if (d.name().equals(dev)) {
                    d.live().filter(t -> t.target().equals("snapshot")).ifPresent(t -> out.add(diskName(t.cow())));
                    d.inactive().filter(t -> t.target().equals("snapshot")).ifPresent(t -> out.add(diskName(t.cow())));
                }
            }
            for (int j = Math.max(0, i - 1); j <= i; j++) {
                for (var s : trace.states().get(j).allSnapshots().entrySet()) {
                    if (s.getKey().device().equals(dev)) {
                        out.add(s.getValue().cowDisk());
                    }
                }
            }
            boolean origin = isOriginDevice(dev, i);
            if (origin) {
                // a device that is a snapshot-origin in either world copies into every snapshot of
                // its origin on writes: after it diverged, every cow may differ (scripts use one origin)
                out.addAll(allCows(i));
            }
            return out;
        }

        /** Whether {@code dev} holds a snapshot-origin table in the engine now or in the model around step i. */
        private boolean isOriginDevice(String dev, int i) {
            boolean origin = false;
            for (InspectedDevice d : InspectedDevice.all(engine.dm)) {
                origin |= d.name().equals(dev) && (isOrigin(d.live()) || isOrigin(d.inactive()));
            }
            for (int j = Math.max(0, i - 1); j <= i; j++) {
                var md = trace.states().get(j).device(dev);
                origin |= md != null && (isOrigin(md.live()) || isOrigin(md.inactive()));
            }
            return origin;
        }

        private static boolean isOrigin(dev.snapref.model.Table t) {
            return t != null && t.target() instanceof dev.snapref.model.OriginTarget;
        }

        private static boolean isOrigin(Optional<InspectedTable> t) {
            return t.map(x -> x.target().equals("snapshot-origin")).orElse(false);
        }

        private Set<String> allCows(int i) {
            Set<String> out = new HashSet<>();
            for (InspectedDevice d : InspectedDevice.all(engine.dm)) {
                d.live().filter(t -> t.target().equals("snapshot")).ifPresent(t -> out.add(diskName(t.cow())));
                d.inactive().filter(t -> t.target().equals("snapshot")).ifPresent(t -> out.add(diskName(t.cow())));
            }
            for (int j = Math.max(0, i - 1); j <= i; j++) {
                trace.states().get(j).allSnapshots().values().forEach(s -> out.add(s.cowDisk()));
            }
            return out;
        }

        private static String diskName(String path) {
            return path.startsWith("/dev/disk/") ? path.substring(10) : path;
        }

        /**
         * Drops {@code dev} from comparison and taints every cow its tables use (engine or model):
         * e.g. a load that failed on the fault leaves the old inactive table, whose cow then pairs
         * differently with later tables of other devices.
         */
        private void lose(String dev, int i) {
            lost.add(dev);
            // a lost snapshot also changes its origin: present in one world only, it sets the
            // origin's split boundary (minimum chunk size) at the next origin resume, so origin
            // writes split, and copy, differently for every snapshot of the origin
            originLost |= isOriginDevice(dev, i) || !cowsOf(dev, i).isEmpty();
            for (String c : cowsOf(dev, i)) {
                suspect(c);
            }
        }

        private void suspect(String disk) {
            suspectCows.add(disk);
            if (!disk.equals(cow)) {
                alsoTainted.add(disk);
            }
        }

        /**
         * The cow disk a snapshot table of a create or load names (even one the model never held as
         * a cow: a load that fails after writing the header still changes the disk).
         */
        private static List<String> namedCows(Command c) {
            String table = c instanceof CreateCommand cc ? cc.table() : c instanceof LoadCommand lc ? lc.table() : null;
            if (table == null) {
                return List.of();
            }
            String[] w = table.trim().split("\\s+");
            return w.length > 4 && w[2].equals("snapshot") ? List.of(diskName(w[4])) : List.of();
        }

        /** A snapshot on the faulted cow: EIO or the model's answer; judge what can be judged. */
        private Optional<Finding> tainted(Command c, String dev, int i, TranscriptStep e, TranscriptStep m, String at) {
            boolean eio = e.outcome().equals(Outcome.error(EIO_ERRNO));
            if (c instanceof ReadCommand) {
                if (eio) {
                    return Optional.empty();
                }
                if (e.outcome().equals(m.outcome()) && e.output().equals(m.output())) {
                    counts.merge("faulted-reads-verified", 1L, Long::sum);
                    return Optional.empty();
                }
                if (dataUnknown || dataUnknownDevices.contains(dev) || !e.outcome().equals(Outcome.OK)
                        || !m.outcome().equals(Outcome.OK)) {
                    lose(dev, i);
                    return Optional.empty();
                }
                return Optional.of(new Finding("faults:wrong-snapshot-data", at + ": snapshot " + dev
                        + " is still readable after the fault but returns " + e.output() + " where the model has "
                        + m.output()));
            }
            if (c instanceof WriteCommand) {
                // a write that failed on the faulted cow leaves its sectors undefined, even when the
                // model fails the same request for another reason (a PO overflow of a later piece)
                if (eio && valid(dev)) {
                    dataUnknown = true;
                    counts.merge("failed-writes-to-valid-snapshot", 1L, Long::sum);
                } else if (!e.outcome().equals(m.outcome()) && !eio) {
                    lose(dev, i);
                }
                return Optional.empty();
            }
            if (!same(e, m)) {
                boolean invalidStatus = e.output().size() == 1 && e.output().get(0).endsWith(" snapshot Invalid");
                if (!invalidStatus) {
                    lose(dev, i);
                    counts.merge("devices-lost", 1L, Long::sum);
                }
            }
            return Optional.empty();
        }

        /** A snapshot that turned invalid in this step because of the fault logs the kernel's message and shows Invalid. */
        private Optional<Finding> checkInvalidations(TranscriptStep e, String at, boolean firedNow) {
            for (InspectedDevice d : InspectedDevice.all(engine.dm)) {
                Optional<InspectedTable> t = d.live().filter(x -> x.target().equals("snapshot"));
                if (t.isEmpty()) {
                    continue;
                }
                boolean v = t.get().valid();
                Boolean before = wasValid.put(d.name(), v);
                if (firedNow && Boolean.TRUE.equals(before) && !v && usesCow(t.get()) && !e.kmsg().contains(INVALIDATING)) {
                    return Optional.of(new Finding("faults:silent-invalidation", at + ": " + d.name()
                            + " became invalid without the kernel's message; kmsg " + e.kmsg()));
                }
                if (!v) {
                    counts.merge("invalid-after-fault-observations", 1L, Long::sum);
                }
            }
            return Optional.empty();
        }

        private boolean usesCow(InspectedTable t) {
            return t.cow().equals("/dev/disk/" + cow);
        }

        private boolean valid(String dev) {
            for (InspectedDevice d : InspectedDevice.all(engine.dm)) {
                if (d.name().equals(dev)) {
                    return d.live().map(InspectedTable::valid).orElse(false);
                }
            }
            return false;
        }

        /** Whether a table of {@code dev} (engine now, or model before or after step i) uses the faulted cow. */
        private boolean tainted(String dev, int i) {
            for (InspectedDevice d : InspectedDevice.all(engine.dm)) {
                if (d.name().equals(dev) && (d.live().filter(this::usesCow).isPresent()
                        || d.inactive().filter(this::usesCow).isPresent())) {
                    return true;
                }
            }
            for (int j = Math.max(0, i - 1); j <= i; j++) {
                for (var s : trace.states().get(j).allSnapshots().entrySet()) {
                    if (s.getKey().device().equals(dev) && s.getValue().cowDisk().equals(cow)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static boolean same(TranscriptStep e, TranscriptStep m) {
            return e.outcome().equals(m.outcome()) && e.output().equals(m.output())
                    && quiet(e.kmsg()).equals(quiet(m.kmsg()));
        }

        /** Kernel messages without the ones a fault may add or remove (invalidation, header writes). */
        private static List<String> quiet(List<String> kmsg) {
            return kmsg.stream().filter(k -> !k.contains("Invalidating snapshot") && !k.contains("write header failed")
                    && !k.contains("Snapshot overflowed")).toList();
        }

        private static String deviceOf(Command c) {
            if (c instanceof ReadCommand r) {
                return path(r.device());
            }
            if (c instanceof WriteCommand w) {
                return path(w.device());
            }
            String echo = c.echo();
            String[] w = echo.split(" ");
            if (w.length >= 3 && w[0].equals("dmsetup")) {
                return w[2].equals("--inactive") && w.length >= 4 ? w[3] : w[2].replace("'", "");
            }
            return null;
        }

        private static String path(DevicePath p) {
            return p.kind() == DevicePath.Kind.DISK ? p.path() : p.name();
        }

        /** End of script: every snapshot on the faulted cow that is still valid reads back the model's data in full. */
        private Optional<Finding> readBack(ModelState last) {
            if (dataUnknown) {
                return Optional.empty();
            }
            for (InspectedDevice d : InspectedDevice.all(engine.dm)) {
                Optional<InspectedTable> t = d.live().filter(x -> x.target().equals("snapshot") && x.valid() && usesCow(x));
                if (t.isEmpty() || lost.contains(d.name()) || dataUnknownDevices.contains(d.name()) || d.suspended()) {
                    continue;
                }
                long size = last.device(d.name()) == null ? 0 : sizeOf(d.name());
                if (size <= 0) {
                    continue;
                }
                ReadCommand r = new ReadCommand(DevicePath.mapper(d.name()), 0, size);
                TranscriptStep m = Model.step(last, r).step();
                TranscriptStep e = engine.apply(r);
                if (m.outcome().equals(Outcome.OK) && e.outcome().equals(Outcome.OK) && !e.output().equals(m.output())) {
                    return Optional.of(new Finding("faults:wrong-snapshot-data", "end of script: snapshot " + d.name()
                            + " is valid after a fault on " + cow + " but reads " + e.output() + " where the model has "
                            + m.output()));
                }
                counts.merge("snapshots-read-back", 1L, Long::sum);
            }
            return Optional.empty();
        }

        private long sizeOf(String dev) {
            try {
                return engine.dm.status(dev, false).map(x -> Long.parseLong(x.split(" ")[1])).orElse(0L);
            } catch (dev.snapref.engine.kernel.DmException ex) {
                return 0;
            }
        }

        /** End of script: the origin's (every non-cow disk's) data is the model's. */
        Optional<Finding> finish() {
            ModelState last = trace.states().get(trace.states().size() - 1);
            Optional<Finding> back = readBack(last);
            if (back.isPresent()) {
                return back;
            }
            Set<String> cows = ModelCows.cowDisks(trace.states());
            if (!lost.isEmpty()) {
                // a device whose table differs from the model's (e.g. a load that failed on the fault)
                // maps writes elsewhere: the disks behind it cannot be judged
                counts.merge("origin-checks-skipped", 1L, Long::sum);
                return Optional.empty();
            }
            for (Disk d : last.disks()) {
                if (cows.contains(d.name())) {
                    continue;
                }
                BlockDevice b = engine.dm.disk(d.name());
                byte[] got = new byte[BlockDevice.SECTOR_SIZE];
                for (long s = 0; s < d.sectors(); s++) {
                    try {
                        b.read(s, got, 0, 1);
                    } catch (java.io.IOException ex) {
                        return Optional.of(new Finding("faults:origin-unreadable", d.name() + " sector " + s + ": " + ex));
                    }
                    if (!Arrays.equals(got, d.bytesAt(s))) {
                        return Optional.of(new Finding("faults:origin-data-changed", "/dev/disk/" + d.name()
                                + " sector " + s + " differs from the model after a fault on " + cow));
                    }
                }
                counts.merge("origin-disks-verified", 1L, Long::sum);
            }
            return Optional.empty();
        }
    }
}
