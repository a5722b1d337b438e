package dev.snapref.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.scenario.ScriptParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every invariant can fail: for each one a state is built by hand (a reachable state with one
 * field broken) and the check must report it, while the unbroken state passes. An invariant
 * that cannot fail would be a defect.
 */
class InvariantsCanFailTest {
    private static final Set<String> SHOWN_TO_FAIL = new HashSet<>();

    private static final String PENDING = """
            disk origin 16384
            disk cow 8192
            dmsetup create origin --table '0 16384 snapshot-origin /dev/disk/origin'
            write /dev/mapper/origin 0 16 PRE
            dmsetup create src --table '0 16384 snapshot /dev/disk/origin /dev/disk/cow P 8'
            write /dev/mapper/origin 0 8 POST
            dmsetup create dest --notable
            dmsetup load dest --table '0 16384 snapshot /dev/disk/origin /dev/disk/cow P 8'
            """;
    private static final String HANDED_OVER = PENDING + """
            dmsetup suspend src
            dmsetup resume dest
            dmsetup resume src
            """;
    private static final String CANCELLED = PENDING + "dmsetup remove src\n";
    private static final SnapRef SRC = new SnapRef("src", Slot.LIVE);
    private static final SnapRef DEST_PENDING = new SnapRef("dest", Slot.INACTIVE);
    private static final SnapRef DEST = new SnapRef("dest", Slot.LIVE);

    static ModelState run(String script) {
        try {
            return Model.trace(ScriptParser.parse("test", script)).states().stream().reduce((a, b) -> b).orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ModelState withSnap(ModelState s, SnapRef r, UnaryOperator<SnapshotTarget> f) {
        Device d = s.device(r.device());
        Table t = r.slot() == Slot.LIVE ? d.live() : d.inactive();
        Table changed = t.withTarget(f.apply((SnapshotTarget) t.target()));
        return withDevice(s, r.slot() == Slot.LIVE ? d.withLive(changed) : d.withInactive(changed));
    }

    static ModelState withDevice(ModelState s, Device d) {
        List<Device> devices = new ArrayList<>();
        boolean added = false;
        for (Device o : s.devices()) {
            if (!added && o.name().compareTo(d.name()) >= 0) {
                devices.add(d);
                added = true;
            }
            if (!o.name().equals(d.name())) {
                devices.add(o);
            }
        }
        if (!added) {
            devices.add(d);
        }
        return new ModelState(s.disks(), devices, s.origins());
    }

    static ModelState withDisk(ModelState s, UnaryOperator<Disk> f, String name) {
        List<Disk> disks = new ArrayList<>();
        for (Disk d : s.disks()) {
            disks.add(d.name().equals(name) ? f.apply(d) : d);
        }
        return new ModelState(disks, s.devices(), s.origins());
    }

    static ModelState withOriginList(ModelState s, String origin, UnaryOperator<List<SnapRef>> f) {
        List<OriginLink> links = new ArrayList<>();
        for (OriginLink o : s.origins()) {
            links.add(o.originDisk().equals(origin) ? new OriginLink(o.originDisk(), f.apply(new ArrayList<>(o.snapshots()))) : o);
        }
        return new ModelState(s.disks(), s.devices(), links);
    }

    static Store store(ModelState s, SnapRef r) {
        return s.snapshot(r).store();
    }

    /** The good state passes, the broken one fails exactly on {@code id}'s check. */
    static void breaks(String id, ModelState good, ModelState broken) {
        Invariant inv = Invariants.byId(id).orElseThrow();
        assertEquals(Optional.empty(), inv.check(good), id + " holds before the breakage");
        assertTrue(inv.check(broken).isPresent(), id + " must report the broken state");
        SHOWN_TO_FAIL.add(id);
    }

    @Test
    void pair1ThirdSnapshotOnTheCow() {
        ModelState s = run(PENDING);
        Device third = new Device("third", false, true, true, null, s.device("dest").inactive());
        ModelState broken = withOriginList(withDevice(s, third), "origin", l -> {
            l.add(new SnapRef("third", Slot.INACTIVE));
            return l;
        });
        breaks("INV-PAIR-1", s, broken);
    }

    @Test
    void pair2TwoInactiveSharers() {
        ModelState s = run(PENDING);
        breaks("INV-PAIR-2", s, withSnap(s, SRC, t -> new SnapshotTarget(t.originDisk(), t.cowDisk(), t.valid(), false,
                t.overflowed(), t.features(), t.store())));
    }

    @Test
    void pair3TwoWriters() {
        ModelState s = run(HANDED_OVER);
        breaks("INV-PAIR-3", s, withSnap(s, SRC, t -> t.withValid(true)));
    }

    @Test
    void ho1PendingDestinationWithAChunkSize() {
        ModelState s = run(PENDING);
        breaks("INV-HO-1", s, withSnap(s, DEST_PENDING, t -> t.withStore(t.store().withChunkSize(8))));
    }

    @Test
    void ho2SourceStillValidAfterHandover() {
        ModelState s = run(HANDED_OVER);
        breaks("INV-HO-2", s, withSnap(s, SRC, t -> t.withValid(true)));
    }

    @Test
    void ho3DestinationLostAnException() {
        ModelState s = run(HANDED_OVER);
        assertTrue(store(s, DEST).handedOver().size() > 0, "the handover moved exceptions");
        breaks("INV-HO-3", s, withSnap(s, DEST, t -> t.withStore(t.store().withExceptions(ExceptionTable.EMPTY))));
    }

    @Test
    void ho4CancelledDestinationStillValid() {
        ModelState s = run(CANCELLED);
        breaks("INV-HO-4", s, withSnap(s, DEST_PENDING, t -> t.withValid(true)));
    }

    @Test
    void data1CowChunkOverwritten() {
        ModelState s = run(PENDING);
        long cowChunk = store(s, SRC).exceptions().newChunk(0);
        breaks("INV-DATA-1", s, withDisk(s, d -> d.writeRun(cowChunk * 8, 8, "GARBAGE", 0), "cow"));
    }

    @Test
    void data2OriginWrittenByAStore() {
        ModelState s = run(PENDING);
        breaks("INV-DATA-2", s, withDisk(s, Disk::markCowWritten, "origin"));
    }

    @Test
    void cow1ExceptionOnTheHeaderChunk() {
        ModelState s = run(PENDING);
        breaks("INV-COW-1", s, withSnap(s, SRC, t -> t.withStore(t.store().withExceptions(t.store().exceptions().with(5, 0)))));
    }

    @Test
    void cow2AllocationLeak() {
        ModelState s = run(PENDING);
        breaks("INV-COW-2", s, withSnap(s, SRC, t -> t.withStore(t.store().withLayout(t.store().nextFree() + 1,
                t.store().currentArea(), t.store().area()))));
    }

    @Test
    void reg1UnregisteredSnapshot() {
        ModelState s = run(PENDING);
        breaks("INV-REG-1", s, withOriginList(s, "origin", l -> {
            l.remove(DEST_PENDING);
            return l;
        }));
    }

    @Test
    void reg2ActiveTableInTheInactiveSlot() {
        ModelState s = run(PENDING);
        breaks("INV-REG-2", s, withSnap(s, DEST_PENDING, SnapshotTarget::withActive));
    }

    @Test
    void dm1LiveSnapshotNeverResumed() {
        ModelState s = run(PENDING);
        breaks("INV-DM-1", s, withSnap(s, SRC, t -> new SnapshotTarget(t.originDisk(), t.cowDisk(), t.valid(), false,
                t.overflowed(), t.features(), t.store())));
    }

    @Test
    void ovf1OverflowWithoutPo() {
        ModelState s = run(PENDING);
        breaks("INV-OVF-1", s, withSnap(s, SRC, t -> t.withOverflowed(true)));
    }

    @Test
    void ovf1HoldsWhenAPoOverflowIsHandedOverToAPlainPTable() {
        String script = """
                disk origin 64
                disk cow 24
                dmsetup create origin --table '0 64 snapshot-origin /dev/disk/origin'
                dmsetup create src --table '0 64 snapshot /dev/disk/origin /dev/disk/cow PO 8'
                write /dev/mapper/src 0 8 A
                write /dev/mapper/src 8 8 B
                dmsetup create dest --notable
                dmsetup load dest --table '0 64 snapshot /dev/disk/origin /dev/disk/cow P 8'
                dmsetup suspend src
                dmsetup resume dest
                dmsetup status dest
                """;
        try {
            Model.Trace t = Model.trace(ScriptParser.parse("ovf", script));
            assertEquals(List.of("0 64 snapshot Overflow"), t.steps().get(t.steps().size() - 1).output());
            for (ModelState s : t.states()) {
                assertEquals(List.of(), Invariants.checkAll(s));
            }
        } catch (dev.snapref.scenario.ScriptError e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void io1InvalidSnapshotAnsweringWithoutEio() {
        ModelState s = run(HANDED_OVER);
        Device src = s.device("src");
        Device noNode = new Device(src.name(), false, false, src.typed(), src.live(), src.inactive());
        breaks("INV-IO-1", s, withDevice(s, noNode));
    }

    private static final String MERGED = """
            disk origin 16384
            disk cow 8192
            disk cow2 8192
            dmsetup create origin --table '0 16384 snapshot-origin /dev/disk/origin'
            write /dev/mapper/origin 0 16 PRE
            dmsetup create src --table '0 16384 snapshot /dev/disk/origin /dev/disk/cow P 8'
            dmsetup create other --table '0 16384 snapshot /dev/disk/origin /dev/disk/cow2 P 8'
            write /dev/mapper/origin 0 8 POST
            dmsetup load origin --table '0 16384 snapshot-merge /dev/disk/origin /dev/disk/cow P 8'
            dmsetup suspend src
            dmsetup resume origin
            """;
    private static final SnapRef MERGING = new SnapRef("origin", Slot.LIVE);
    private static final SnapRef OTHER = new SnapRef("other", Slot.LIVE);

    @Test
    void merge1OriginLostAMergedChunk() {
        ModelState s = run(MERGED);
        assertTrue(s.snapshot(MERGING).merge() && store(s, MERGING).exceptions().size() == 0, "merged");
        breaks("INV-MERGE-1", s, withDisk(s, d -> d.writeRun(0, 8, "GARBAGE", 0), "origin"));
    }

    @Test
    void merge2OtherSnapshotsViewChanged() {
        ModelState s = run(MERGED);
        breaks("INV-MERGE-2", s, withDisk(s, d -> d.writeRun(8, 8, "GARBAGE", 0), "origin"));
    }

    @Test
    void merge3TwoHandedOverMergeTargets() {
        ModelState s = run(MERGED);
        breaks("INV-MERGE-3", s, withSnap(s, OTHER, t -> t.asMerge().withStore(t.store()
                .withHandedOver(ExceptionTable.EMPTY))));
    }

    @Test
    void merge4SourceStillValid() {
        ModelState s = run(MERGED);
        breaks("INV-MERGE-4", s, withSnap(s, SRC, t -> t.withValid(true)));
    }

    @AfterAll
    static void everyInvariantWasShownToFail() {
        Set<String> all = new HashSet<>();
        Invariants.all().forEach(i -> all.add(i.id()));
        assertEquals(all, SHOWN_TO_FAIL, "each invariant has a test breaking it");
    }
}
