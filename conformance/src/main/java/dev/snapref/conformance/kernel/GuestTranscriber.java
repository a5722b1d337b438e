package dev.snapref.conformance.kernel;

import dev.snapref.scenario.Command;
import dev.snapref.scenario.Errno;
import dev.snapref.scenario.InfoCommand;
import dev.snapref.scenario.Outcome;
import dev.snapref.scenario.ReadCommand;
import dev.snapref.scenario.ReadRuns;
import dev.snapref.scenario.StatusCommand;
import dev.snapref.scenario.TableCommand;
import dev.snapref.scenario.TranscriptStep;
import dev.snapref.scenario.WriteCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the guest reported for one command into its canonical transcript step
 * ({@code shared/spec/scenario-format.md}): status and table lines with device paths and no
 * trailing blanks, {@code info} reduced to {@code State:} and {@code Tables present:}, reads as
 * pattern runs, kernel messages canonicalised, the errno taken from dmsetup's or dd's stderr.
 */
public final class GuestTranscriber {
    private static final Pattern ON_DEVICE = Pattern.compile(" on (\\S+) \\((\\d+:\\d+)\\)");

    private GuestTranscriber() {
    }

    /**
     * The names of one command's devices: the script's disks (name to guest disk) and every
     * mapped device seen around the command or named by dmsetup's error line.
     */
    public static DeviceNames names(Map<String, GuestLog.GuestDisk> scriptDisks, RawCommand raw) {
        return names(scriptDisks, raw, Map.of(), null, null);
    }

    /**
     * The names of one command's devices, as {@link #names(Map, RawCommand)} and also: devices
     * seen by earlier commands of the script ({@code earlier}, by kernel name; those seen around
     * this command win), and for a {@code create} of {@code created}, a device-mapper device
     * number of major {@code dmMajor} that no list names is the created device (its table
     * loaded but its resume failed, so dmsetup removed it before the guest could list it).
     * A create's own lists are complete (sysfs before and after, dmsetup ls after), so it uses
     * no earlier sightings: a minor freed by an earlier remove is the new device's.
     */
    public static DeviceNames names(Map<String, GuestLog.GuestDisk> scriptDisks, RawCommand raw,
                                    Map<String, RawCommand.MappedDevice> earlier, String created, String dmMajor) {
        DeviceNames n = new DeviceNames();
        scriptDisks.forEach((name, d) -> n.disk(name, d.kernelName(), d.majMin()));
        if (created == null) {
            for (RawCommand.MappedDevice d : earlier.values()) {
                n.mapped(d.name(), d.kernelName(), d.majMin());
            }
        }
        for (String e : raw.err()) {
            Matcher m = ON_DEVICE.matcher(e);
            if (m.find()) {
                n.mapped(m.group(1), "dm-" + m.group(2).substring(m.group(2).indexOf(':') + 1), m.group(2));
            }
        }
        for (RawCommand.MappedDevice d : raw.mapped().values()) {
            n.mapped(d.name(), d.kernelName(), d.majMin());
        }
        if (created != null && dmMajor != null) {
            n.unlisted(dmMajor, created);
        }
        return n;
    }

    /**
     * The transcript step of {@code cmd}.
     *
     * @param readData for reads: the bytes the read returned (fetched from the result disk)
     * @throws KernelRunException when the guest's report cannot be understood (no exit code,
     *                            a failure without a recognisable errno)
     */
    public static TranscriptStep step(Command cmd, RawCommand raw, DeviceNames names, LongFunction<byte[]> readData) {
        List<String> kmsg = KmsgCanonicaliser.canonicalise(raw.kmsg(), names);
        if (raw.blocked()) {
            return new TranscriptStep(cmd.echo(), List.of(), kmsg, Outcome.BLOCKED);
        }
        if (raw.pastEnd()) {
            Outcome o = cmd instanceof WriteCommand ? Outcome.error(Errno.ENOSPC) : Outcome.OK;
            return new TranscriptStep(cmd.echo(), List.of(), kmsg, o);
        }
        if (raw.rc() == null) {
            throw new KernelRunException("command '" + cmd.echo() + "' reported no exit code");
        }
        if (raw.rc() != 0) {
            Errno e = ErrnoParser.parse(raw.err()).orElseThrow(() -> new KernelRunException(
                    "command '" + cmd.echo() + "' failed (exit " + raw.rc() + ") without a known errno: "
                            + String.join(" | ", raw.err())));
            return new TranscriptStep(cmd.echo(), List.of(), kmsg, Outcome.error(e));
        }
        List<String> output = new ArrayList<>();
        if (cmd instanceof StatusCommand || cmd instanceof TableCommand) {
            for (String l : raw.out()) {
                String line = names.inTable(l).stripTrailing();
                if (!line.isEmpty()) {
                    output.add(line);
                }
            }
        } else if (cmd instanceof InfoCommand) {
            for (String l : raw.out()) {
                if (l.startsWith("State:") || l.startsWith("Tables present:")) {
                    int colon = l.indexOf(':');
                    output.add(l.substring(0, colon + 1) + " " + l.substring(colon + 1).strip());
                }
            }
        } else if (cmd instanceof ReadCommand r) {
            long n = raw.readBytes();
            if (n > 0) {
                output.addAll(ReadRuns.format(r.sector(), readData.apply(n)));
            }
        }
        return new TranscriptStep(cmd.echo(), output, kmsg, Outcome.OK);
    }
}
