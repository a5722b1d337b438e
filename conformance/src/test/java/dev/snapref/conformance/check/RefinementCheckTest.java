package dev.snapref.conformance.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.conformance.targets.TargetOptions;
import dev.snapref.conformance.targets.TargetRun;
import dev.snapref.conformance.targets.TargetSession;
import dev.snapref.conformance.targets.engine.EngineTarget;
import dev.snapref.conformance.targets.model.ModelTarget;
import dev.snapref.model.DeviceAbstraction;
import dev.snapref.model.OriginAbstraction;
import dev.snapref.model.SnapshotAbstraction;
import dev.snapref.model.StoreType;
import dev.snapref.model.TableAbstraction;
import dev.snapref.model.WorldAbstraction;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.ScriptParser;
import dev.snapref.scenario.SectorContent;
import dev.snapref.scenario.TranscriptStep;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The refinement check reports a difference in every field of the abstraction: the engine's
 * world is doctored in one field of one device, and the check must fail at the first step where
 * that device exists, naming the device, the slot, the field and both values.
 */
class RefinementCheckTest {
    private static final String SCRIPT = """
            disk origin 256
            disk cow 64
            dmsetup create origin --table '0 256 snapshot-origin /dev/disk/origin'
            dmsetup create snap --table '0 256 snapshot /dev/disk/origin /dev/disk/cow P 8'
            write /dev/mapper/origin 0 8 A
            read /dev/mapper/snap 0 8
            """;
    /** The step that creates {@code snap}: the first after which a doctored snapshot shows. */
    private static final int SNAP_CREATED = 3;
    private static final int ORIGIN_CREATED = 2;

    private static SteppableTarget model() {
        return (SteppableTarget) ModelTarget.fromOptions(TargetOptions.defaults());
    }

    private static SteppableTarget engine() {
        return (SteppableTarget) EngineTarget.fromOptions(TargetOptions.defaults());
    }

    @Test
    void theEngineRefinesTheModelUndoctored() throws Exception {
        CheckResult r = new DifferentialChecker(model(), engine(), true).check(ScriptParser.parse("s", SCRIPT));
        assertTrue(r.passed(), () -> r.failure().toString());
    }

    @TestFactory
    List<DynamicTest> aDifferenceInEveryFieldIsReported() {
        return List.of(
                snapshotCase("length", s -> new SnapshotAbstraction(s.length() + 8, s.valid(), s.active(), s.overflowed(),
                        s.chunkSize(), s.storeType(), s.overflowAware(), s.cowDisk(), s.exceptions()),
                        "snap: live length: 256 vs 264"),
                snapshotCase("overflowed", s -> new SnapshotAbstraction(s.length(), s.valid(), s.active(), true, s.chunkSize(),
                        s.storeType(), s.overflowAware(), s.cowDisk(), s.exceptions()),
                        "snap: live overflowed: false vs true"),
                snapshotCase("valid", s -> new SnapshotAbstraction(s.length(), false, s.active(), s.overflowed(), s.chunkSize(),
                        s.storeType(), s.overflowAware(), s.cowDisk(), s.exceptions()),
                        "snap: live valid: true vs false"),
                snapshotCase("active", s -> new SnapshotAbstraction(s.length(), s.valid(), false, s.overflowed(), s.chunkSize(),
                        s.storeType(), s.overflowAware(), s.cowDisk(), s.exceptions()),
                        "snap: live active: true vs false"),
                snapshotCase("chunk_size", s -> new SnapshotAbstraction(s.length(), s.valid(), s.active(), s.overflowed(), 16,
                        s.storeType(), s.overflowAware(), s.cowDisk(), s.exceptions()),
                        "snap: live chunk size: 8 vs 16"),
                snapshotCase("store_type", s -> new SnapshotAbstraction(s.length(), s.valid(), s.active(), s.overflowed(),
                        s.chunkSize(), StoreType.TRANSIENT, s.overflowAware(), s.cowDisk(), s.exceptions()),
                        "snap: live store type: P vs N"),
                snapshotCase("store_type", s -> new SnapshotAbstraction(s.length(), s.valid(), s.active(), s.overflowed(),
                        s.chunkSize(), s.storeType(), true, s.cowDisk(), s.exceptions()),
                        "snap: live store type: P vs PO"),
                snapshotCase("cow", s -> new SnapshotAbstraction(s.length(), s.valid(), s.active(), s.overflowed(), s.chunkSize(),
                        s.storeType(), s.overflowAware(), "/dev/disk/cow", s.exceptions()),
                        "snap: live cow: cow vs /dev/disk/cow"),
                snapshotCase("exceptions", s -> new SnapshotAbstraction(s.length(), s.valid(), s.active(), s.overflowed(),
                        s.chunkSize(), s.storeType(), s.overflowAware(), s.cowDisk(), withException(s, 31, 2)),
                        "snap: live exceptions: {} (0 of 0) vs {31=2} (1 of 1)"),
                doctored("split_boundary", ORIGIN_CREATED, "origin", d -> new DeviceAbstraction(d.name(),
                        d.suspended(), d.live().map(t -> (TableAbstraction) new OriginAbstraction(t.length(),
                        ((OriginAbstraction) t).splitBoundary() * 2)), d.inactive()),
                        "origin: live split boundary: " + (1L << 31) + " vs " + (1L << 32)),
                doctored("suspended", SNAP_CREATED, "snap", d -> new DeviceAbstraction(d.name(), !d.suspended(),
                        d.live(), d.inactive()), "snap: suspended: false vs true"),
                doctored("live_table", SNAP_CREATED, "snap", d -> new DeviceAbstraction(d.name(), d.suspended(),
                        Optional.empty(), d.inactive()), "snap: live table: present vs absent"),
                doctored("inactive_table", SNAP_CREATED, "snap", d -> new DeviceAbstraction(d.name(),
                        d.suspended(), d.live(), d.live()), "snap: inactive table: absent vs present"),
                doctored("target", SNAP_CREATED, "snap", d -> new DeviceAbstraction(d.name(), d.suspended(),
                        Optional.of(new OriginAbstraction(256, 0)), d.inactive()),
                        "snap: live target: snapshot vs snapshot-origin"),
                doctoredWorld("device", SNAP_CREATED, w -> {
                    TreeMap<String, DeviceAbstraction> m = new TreeMap<>(w.devices());
                    m.remove("snap");
                    return new WorldAbstraction(m);
                }, "snap: device: present vs absent"));
    }

    private static java.util.SortedMap<Long, Long> withException(SnapshotAbstraction s, long origin, long cow) {
        TreeMap<Long, Long> m = new TreeMap<>(s.exceptions());
        m.put(origin, cow);
        return m;
    }

    private static DynamicTest snapshotCase(String field, UnaryOperator<SnapshotAbstraction> edit, String line) {
        return doctored(field, SNAP_CREATED, "snap", d -> new DeviceAbstraction(d.name(), d.suspended(),
                d.live().map(t -> (TableAbstraction) edit.apply((SnapshotAbstraction) t)), d.inactive()), line);
    }

    private static DynamicTest doctored(String field, int step, String device, UnaryOperator<DeviceAbstraction> edit,
                                        String line) {
        return doctoredWorld(field, step, w -> {
            if (!w.devices().containsKey(device)) {
                return w;
            }
            TreeMap<String, DeviceAbstraction> m = new TreeMap<>(w.devices());
            m.put(device, edit.apply(m.get(device)));
            return new WorldAbstraction(m);
        }, line);
    }

    private static DynamicTest doctoredWorld(String field, int step, UnaryOperator<WorldAbstraction> doctor,
                                             String line) {
        return DynamicTest.dynamicTest(field, () -> {
            Script script = ScriptParser.parse("s", SCRIPT);
            CheckResult r = new DifferentialChecker(model(), new Doctored(engine(), doctor), true).check(script);
            Failure f = r.failure().orElseThrow(() -> new AssertionError(field + " not reported"));
            assertEquals(FailureKind.REFINEMENT, f.kind(), f::detail);
            assertEquals(step, f.step(), f::detail);
            assertEquals("model vs engine:\n" + line + "\n", f.detail());
            assertTrue(f.signature().startsWith("REFINEMENT:" + line.substring(0, line.indexOf(':')) + ":"),
                    f::signature);
        });
    }

    /** A target whose worlds are {@code doctor}ed: everything else is the wrapped target's. */
    private record Doctored(SteppableTarget target, UnaryOperator<WorldAbstraction> doctor)
            implements SteppableTarget {
        @Override
        public String name() {
            return target.name();
        }

        @Override
        public TargetRun run(Script script) {
            return target.run(script);
        }

        @Override
        public TargetSession open() {
            TargetSession s = target.open();
            return new TargetSession() {
                @Override
                public TranscriptStep apply(Command command) {
                    return s.apply(command);
                }

                @Override
                public WorldAbstraction world() {
                    return doctor.apply(s.world());
                }

                @Override
                public List<SectorContent> diskContents(String disk, long first, int count) {
                    return s.diskContents(disk, first, count);
                }

                @Override
                public void close() {
                    try {
                        s.close();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            };
        }
    }
}
