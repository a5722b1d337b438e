package dev.snapref.model.explore;

import dev.snapref.scenario.Command;
import dev.snapref.scenario.CreateCommand;
import dev.snapref.scenario.DevicePath;
import dev.snapref.scenario.DiskCommand;
import dev.snapref.scenario.LoadCommand;
import dev.snapref.scenario.RemoveCommand;
import dev.snapref.scenario.ResumeCommand;
import dev.snapref.scenario.SuspendCommand;
import dev.snapref.scenario.WriteCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * The explorer's LVM world ({@link ExplorerConfig#stacks()}): one disk {@code pv} with the origin
 * LV's data ({@code vg-o-real}, linear) and a cow LV ({@code vg-s-cow}, linear) made in the prefix;
 * the alphabet builds the origin ({@code vg-o}, snapshot-origin over {@code vg-o-real}), snapshots
 * on the cow LV (persistent), and {@code lvconvert --merge}: a {@code snapshot-merge} table loaded into the
 * origin's device, the origin back to snapshot-origin; writes to the origin, to a snapshot and to
 * the real device behind the origin; removes of the lower devices (EBUSY).
 */
final class StackedAlphabet {
    private StackedAlphabet() {
    }

    static List<Command> prefix(ExplorerConfig c) {
        long pv = c.originSectors() + c.cowSectors();
        return List.of(new DiskCommand("pv", pv),
                new CreateCommand("vg-o-real", "0 " + c.originSectors() + " linear /dev/disk/pv 0"),
                new CreateCommand("vg-s-cow", "0 " + c.cowSectors() + " linear /dev/disk/pv " + c.originSectors()));
    }

    static List<Command> alphabet(ExplorerConfig c) {
        String len = "0 " + c.originSectors() + " ";
        String origin = len + "snapshot-origin /dev/mapper/vg-o-real";
        List<Command> out = new ArrayList<>();
        out.add(new CreateCommand("vg-o", origin));
        out.add(new LoadCommand("vg-o", origin));
        out.add(new SuspendCommand("vg-o"));
        out.add(new ResumeCommand("vg-o"));
        out.add(new WriteCommand(DevicePath.mapper("vg-o"), 0, 8, "A"));
        out.add(new WriteCommand(DevicePath.mapper("vg-o"), 8, 16, "B"));
        out.add(new WriteCommand(DevicePath.mapper("vg-o-real"), 16, 8, "R"));
        out.add(new RemoveCommand("vg-o-real"));
        out.add(new RemoveCommand("vg-s-cow"));
        // P only: a transient merge table without a source oopses the kernel (ModelLimitation)
        out.add(new LoadCommand("vg-o", table(c, "snapshot-merge", "P", c.chunkSizes().get(0))));
        for (String dev : c.snapshotDevices()) {
            for (long chunk : c.chunkSizes()) {
                String table = table(c, "snapshot", "P", chunk);
                out.add(new CreateCommand(dev, table));
                out.add(new LoadCommand(dev, table));
            }
            out.add(new SuspendCommand(dev));
            out.add(new ResumeCommand(dev));
            out.add(new RemoveCommand(dev));
            out.add(new WriteCommand(DevicePath.mapper(dev), 4, 4, "B"));
        }
        return out;
    }

    private static String table(ExplorerConfig c, String type, String store, long chunk) {
        return "0 " + c.originSectors() + " " + type + " /dev/mapper/vg-o-real /dev/mapper/vg-s-cow " + store + " "
                + chunk;
    }
}
