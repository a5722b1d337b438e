package dev.snapref.conformance.fault;

import dev.snapref.engine.BlockDevice;
import dev.snapref.engine.DeviceInfo;
import dev.snapref.engine.DeviceMapper;
import dev.snapref.engine.DmException;
import dev.snapref.engine.EngineBug;
import dev.snapref.engine.block.FaultAtlas;
import dev.snapref.engine.block.FaultyBlockDevice;
import dev.snapref.engine.block.MemoryBlockDevice;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.CreateCommand;
import dev.snapref.scenario.CreateNoTableCommand;
import dev.snapref.scenario.DiskCommand;
import dev.snapref.scenario.Errno;
import dev.snapref.scenario.InfoCommand;
import dev.snapref.scenario.LoadCommand;
import dev.snapref.scenario.Outcome;
import dev.snapref.scenario.ReadCommand;
import dev.snapref.scenario.ReadRuns;
import dev.snapref.scenario.RemoveCommand;
import dev.snapref.scenario.ResumeCommand;
import dev.snapref.scenario.SectorPattern;
import dev.snapref.scenario.StatusCommand;
import dev.snapref.scenario.SuspendCommand;
import dev.snapref.scenario.TableCommand;
import dev.snapref.scenario.TranscriptStep;
import dev.snapref.scenario.WriteCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The engine driven command by command like the {@code engine} target, except that the disks
 * named as cows are {@link FaultyBlockDevice}s (each with its own {@link FaultAtlas}), optionally
 * pre-filled with stale data (a reused disk: every sector but sector 0 holds a "stale" pattern, so
 * the store's own zeroing of metadata areas matters). I/O to a suspended device is not issued and
 * gives {@code blocked}.
 */
final class FaultyEngine {
    /** The label of the stale pattern a reused cow is pre-filled with. */
    static final String STALE = "stale";

    final DeviceMapper dm;
    private final Map<String, FaultAtlas> atlases;
    private final boolean staleCows;
    private final Map<String, FaultyBlockDevice> cows = new LinkedHashMap<>();
    private final Map<String, byte[]> initial = new LinkedHashMap<>();

    FaultyEngine(Set<EngineBug> bugs, Map<String, FaultAtlas> atlases, boolean staleCows) {
        this.dm = new DeviceMapper(bugs);
        this.atlases = Map.copyOf(atlases);
        this.staleCows = staleCows;
    }

    /** The faulty device of cow disk {@code name}. */
    FaultyBlockDevice cow(String name) {
        return cows.get(name);
    }

    Map<String, FaultyBlockDevice> cows() {
        return cows;
    }

    /** The cow's content when the disk was created (zero or stale). */
    byte[] initialImage(String name) {
        return initial.get(name);
    }

    TranscriptStep apply(Command c) {
        List<String> out = new ArrayList<>();
        Outcome outcome;
        try {
            outcome = execute(c, out);
        } catch (DmException e) {
            outcome = Outcome.error(Errno.fromNumber(e.errno().number()).orElse(Errno.EIO));
        }
        return new TranscriptStep(c.echo(), out, dm.log().drain(), outcome);
    }

    private void addDisk(DiskCommand d) {
        FaultAtlas atlas = atlases.get(d.name());
        if (atlas == null) {
            dm.addDisk(d.name(), d.sectors());
            return;
        }
        MemoryBlockDevice mem = new MemoryBlockDevice(d.sectors());
        byte[] image = new byte[(int) d.sectors() * BlockDevice.SECTOR_SIZE];
        if (staleCows && d.sectors() > 1) {
            byte[] stale = SectorPattern.fill(STALE, 1, (int) d.sectors() - 1);
            System.arraycopy(stale, 0, image, BlockDevice.SECTOR_SIZE, stale.length);
            try {
                mem.write(1, stale, 0, (int) d.sectors() - 1, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        FaultyBlockDevice f = new FaultyBlockDevice(mem, atlas);
        cows.put(d.name(), f);
        initial.put(d.name(), image);
        dm.addDisk(d.name(), f);
    }

    private Outcome execute(Command c, List<String> out) throws DmException {
        if (c instanceof DiskCommand d) {
            addDisk(d);
        } else if (c instanceof CreateCommand cc) {
            dm.create(cc.name(), cc.table());
        } else if (c instanceof CreateNoTableCommand cn) {
            dm.createNoTable(cn.name());
        } else if (c instanceof LoadCommand l) {
            dm.load(l.name(), l.table());
        } else if (c instanceof SuspendCommand s) {
            dm.suspend(s.name());
        } else if (c instanceof ResumeCommand r) {
            dm.resume(r.name());
        } else if (c instanceof RemoveCommand r) {
            dm.remove(r.name());
        } else if (c instanceof StatusCommand s) {
            line(out, dm.status(s.name(), s.inactive()));
        } else if (c instanceof TableCommand t) {
            line(out, dm.table(t.name(), t.inactive()));
        } else if (c instanceof InfoCommand i) {
            DeviceInfo info = dm.info(i.name());
            out.add("State: " + (info.suspended() ? "SUSPENDED" : "ACTIVE"));
            out.add("Tables present: " + (info.live() && info.inactive() ? "LIVE & INACTIVE"
                    : info.live() ? "LIVE" : info.inactive() ? "INACTIVE" : "None"));
        } else if (c instanceof WriteCommand w) {
            if (dm.wouldBlock(w.device().path(), w.sector())) {
                return Outcome.BLOCKED;
            }
            dm.write(w.device().path(), w.sector(), SectorPattern.fill(w.label(), w.sector(), (int) w.count()));
        } else if (c instanceof ReadCommand r) {
            if (dm.wouldBlock(r.device().path(), r.sector())) {
                return Outcome.BLOCKED;
            }
            out.addAll(ReadRuns.format(r.sector(), dm.read(r.device().path(), r.sector(), (int) r.count())));
        } else {
            throw new IllegalArgumentException("unknown command " + c);
        }
        return Outcome.OK;
    }

    private static void line(List<String> out, Optional<String> s) {
        s.filter(x -> !x.isEmpty()).ifPresent(out::add);
    }
}
