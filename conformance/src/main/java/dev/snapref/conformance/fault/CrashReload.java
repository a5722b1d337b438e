package dev.snapref.conformance.fault;

import dev.snapref.engine.block.SparseImage;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.model.Disk;
import dev.snapref.model.SnapshotTarget;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.CreateCommand;
import dev.snapref.scenario.DevicePath;
import dev.snapref.scenario.DiskCommand;
import dev.snapref.scenario.ReadCommand;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.StatusCommand;
import dev.snapref.scenario.WriteCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What happens after a reboot on a crash image of a cow: a fresh world with a zeroed origin disk
 * and the cow holding the image; a persistent snapshot table on it ({@code P CHUNK}); its status
 * and every sector (of the first {@value #READ_SECTORS}: a read is one buffer); an origin write through a fresh snapshot-origin (so the reloaded store commits
 * on top of what it found); the status and the written sectors again. Model and engine each start
 * from their own crash image and are compared as any checked run ({@link FaultedRun}), the cow
 * byte by byte at the end.
 *
 * <p>A stacked cow ({@link VolumeSlice#stacked}) reloads as LVM activates it again: the disk beneath
 * it holds the crash image of the whole disk, a {@code linear} device {@value #COW_DEVICE} maps
 * the cow's range of it (same offset and length), and the snapshot names
 * {@code /dev/mapper/}{@value #COW_DEVICE} as its cow; the origin is a separate zeroed disk of the
 * origin's size, so the disk's other contents (the origin LV, other cows) are only compared, not
 * read through. The logged and compared disk is the one beneath.
 *
 * @param bugs          the engine's bug switches
 * @param slice         the cow and where it lives
 * @param diskSectors   the size of the disk the slice is on
 * @param origin        the origin disk's name
 * @param originSectors its size (and the snapshot's length)
 * @param chunk         the table's chunk size
 */
record CrashReload(Set<EngineBug> bugs, VolumeSlice slice, long diskSectors, String origin, long originSectors,
                   long chunk) {
    /** The linear device a stacked cow's reload maps the cow's range with. */
    static final String COW_DEVICE = "reboot-cow";
    /** Sectors of the reloaded snapshot read back whole (4 MiB: every small-profile origin whole). */
    static final long READ_SECTORS = 1 << 13;

    /** The reload script. */
    Script script() {
        List<Command> commands = new ArrayList<>(setup());
        long w = Math.min(64, originSectors);
        commands.addAll(List.of(new StatusCommand("reboot", false),
                new ReadCommand(DevicePath.mapper("reboot"), 0, Math.min(originSectors, READ_SECTORS)),
                new CreateCommand("rebooto", "0 " + originSectors + " snapshot-origin /dev/disk/" + origin),
                new WriteCommand(DevicePath.mapper("rebooto"), 0, w, "R"), new StatusCommand("reboot", false),
                new ReadCommand(DevicePath.mapper("reboot"), 0, w)));
        return Script.of("reload-" + slice.disk(), commands);
    }

    /** The reload's first commands: the disks, the stacked cow's linear device, and the snapshot table. */
    List<Command> setup() {
        String snap = "0 " + originSectors + " snapshot /dev/disk/" + origin + " " + slice.path(COW_DEVICE) + " P "
                + chunk;
        List<Command> out = new ArrayList<>();
        out.add(new DiskCommand(origin, originSectors));
        out.add(new DiskCommand(slice.disk(), diskSectors));
        if (slice.stacked()) {
            out.add(new CreateCommand(COW_DEVICE, slice.linearTable()));
        }
        out.add(new CreateCommand("reboot", snap));
        return out;
    }

    /** Reloads the model's image and the engine's; a finding when they do not agree. */
    Optional<Finding> check(Disk modelImage, SparseImage engineImage, String where, Map<String, Long> counts) {
        FaultedRun.Outcome run = FaultedRun.run("crash", script(), bugs, Set.of(slice.disk()), null,
                Map.of(slice.disk(), modelImage), Map.of(slice.disk(), engineImage));
        if (run.finding().isPresent()) {
            Finding f = run.finding().get();
            StringBuilder reload = new StringBuilder();
            script().commands().forEach(c -> reload.append("\n  ").append(c.echo()));
            return Optional.of(new Finding(f.signature().replaceFirst("^crash:", "crash:reload:"), where
                    + ", then the reload:" + reload + "\n" + f.detail()));
        }
        var reboot = run.modelState().device("reboot");
        if (reboot != null && reboot.live() != null && reboot.live().target() instanceof SnapshotTarget s) {
            counts.merge(s.valid() ? "reloads-valid" : "reloads-invalid", 1L, Long::sum);
            counts.merge("exceptions-verified", (long) s.store().exceptions().size(), Long::sum);
        } else {
            counts.merge("reloads-rejected", 1L, Long::sum);
        }
        return Optional.empty();
    }
}
