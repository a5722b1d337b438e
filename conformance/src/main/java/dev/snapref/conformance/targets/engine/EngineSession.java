package dev.snapref.conformance.targets.engine;

import dev.snapref.conformance.targets.TargetSession;

import dev.snapref.conformance.check.ApiChecking;
import dev.snapref.conformance.check.ApiDisagreement;
import dev.snapref.conformance.check.RawDisk;
import dev.snapref.engine.inspect.DeviceView;
import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.DeviceMapper;
import dev.snapref.engine.block.MemoryBlockDevice;
import dev.snapref.engine.block.FaultyBlockDevice;
import dev.snapref.scenario.DiskCommand;
import dev.snapref.scenario.Outcome;
import dev.snapref.engine.cow.CowImageCheck;
import dev.snapref.model.WorldAbstraction;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.SectorContent;
import dev.snapref.scenario.SectorPattern;
import dev.snapref.scenario.TranscriptStep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One engine world driven command by command, with the abstraction function of the refinement
 * check: the engine's {@link DeviceMapper#inspect()} mapped onto the model's
 * {@link WorldAbstraction} by {@link EngineAbstraction}; and the check of the engine's Java API
 * after every step ({@link ApiChecking}: {@link EngineApiCheck}, {@link CheckedRead}).
 */
final class EngineSession implements TargetSession, RawDisk, ApiChecking {
    private final DeviceMapper dm;
    private final DiskProvider provider;
    private final List<String> disks = new ArrayList<>();
    /** Commands applied so far: disks change only in {@link #apply}, so this versions their content. */
    private long applied;
    /** Disks whose store rules held, with the {@link #applied} count they were checked at. */
    private final Map<String, Long> rulesCheckedAt = new HashMap<>();
    /** What the API answered wrongly during the last step (its read's return value). */
    private final List<ApiDisagreement> stepApi = new ArrayList<>();
    /** The views {@link #world()} last took, and the {@link #applied} count they were taken at. */
    private List<DeviceView> views;
    private long viewsAt = -1;

    EngineSession(DeviceMapper dm, DiskProvider provider) {
        this.dm = dm;
        this.provider = provider;
    }

    @Override
    public TranscriptStep apply(Command command) {
        applied++;
        stepApi.clear();
        if (command instanceof DiskCommand d) {
            BlockDevice b = provider.provide(d.name(), d.sectors());
            if (b != null) {
                dm.addDisk(d.name(), b);
                disks.add(d.name());
                return new TranscriptStep(command.echo(), List.of(), dm.log().drain(), Outcome.OK);
            }
        }
        return EngineTarget.apply(dm, command, disks, stepApi);
    }

    /**
     * The API's disagreements after the last step ({@link EngineApiCheck}, and the step's read
     * return value, {@link CheckedRead}), on the views {@link #world()} took after that step when
     * it was asked since (the differential checker asks it just before), else on new ones.
     */
    @Override
    public List<ApiDisagreement> apiDisagreements(WorldAbstraction reference) {
        List<DeviceView> at = views != null && viewsAt == applied ? views : dm.inspect();
        List<ApiDisagreement> out = EngineApiCheck.check(dm, at, reference, disks);
        if (!stepApi.isEmpty()) {
            out.addAll(0, stepApi);
        }
        return out;
    }

    /**
     * The device behind {@code /dev/disk/NAME} as the comparisons read it: a fault-injecting
     * device's inner device (a comparison's reads are not requests of the run, and must not fire
     * faults).
     */
    private BlockDevice raw(String disk) {
        BlockDevice d = Optional.ofNullable(dm.disk(disk))
                .orElseThrow(() -> new IllegalArgumentException("no disk " + disk));
        return d instanceof FaultyBlockDevice f ? f.inner() : d;
    }

    @Override
    public WorldAbstraction world() {
        views = dm.inspect();
        viewsAt = applied;
        return EngineAbstraction.world(views);
    }

    /**
     * The disk's sectors as the checker compares them. A disk holding a persistent store is first
     * checked for the two on-disk rules sector labels cannot show: exceptions reach the store in
     * allocation order (230c83afdd9c) and none lies on a metadata chunk (CVE-2013-4299); a
     * violation throws {@link IllegalStateException}, which the checker reports as a failure. Not
     * for a disk that started from a given image ({@link DiskProvider#givenContent}): its metadata
     * is whatever the image held.
     */
    @Override
    public List<SectorContent> diskContents(String disk, long first, int count) {
        byte[] data = new byte[Math.max(0, count) * SectorPattern.SECTOR_SIZE];
        int n = diskBytes(disk, first, count, data);
        List<SectorContent> out = new ArrayList<>(n);
        for (int off = 0; off < n * SectorPattern.SECTOR_SIZE; off += SectorPattern.SECTOR_SIZE) {
            out.add(SectorPattern.classify(data, off));
        }
        return out;
    }

    /**
     * The raw bytes {@link #diskContents} classifies, after the same store-rule check. The check
     * runs once per disk between two commands: the disk cannot change without {@link #apply}.
     */
    @Override
    public int diskBytes(String disk, long first, int count, byte[] into) {
        BlockDevice d = raw(disk);
        Long checked = rulesCheckedAt.get(disk);
        if ((checked == null || checked != applied) && !provider.givenContent(disk)) {
            checkStoreRules(disk, d);
            rulesCheckedAt.put(disk, applied);
        }
        int n = (int) Math.max(0, Math.min(count, d.sectors() - first));
        try {
            d.read(first, into, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    @Override
    public Optional<List<long[]>> nonZeroRanges(String disk) {
        return raw(disk) instanceof MemoryBlockDevice m ? Optional.of(m.allocatedRanges()) : Optional.empty();
    }

    private static void checkStoreRules(String disk, BlockDevice d) {
        byte[] first = new byte[SectorPattern.SECTOR_SIZE];
        try {
            d.read(0, first, 0, d.sectors() > 0 ? 1 : 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(first[0] == 'S' && first[1] == 'n' && first[2] == 'A' && first[3] == 'p')) {
            return; // not a persistent store
        }
        for (String problem : CowImageCheck.check(d, d.sectors() * SectorPattern.SECTOR_SIZE).problems()) {
            if (problem.contains(CowImageCheck.OUT_OF_ORDER) || problem.contains(CowImageCheck.ON_METADATA)) {
                throw new IllegalStateException("/dev/disk/" + disk + " breaks the persistent store format: " + problem);
            }
        }
    }
}
