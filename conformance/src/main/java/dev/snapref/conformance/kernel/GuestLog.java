package dev.snapref.conformance.kernel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the guest's console, line by line, into per-script, per-command {@link RawCommand}s.
 *
 * <p>Only lines holding a {@code @@} marker (see {@code guest-lib.sh}) count; the marker is
 * taken from its first {@code @@}, so terminal-reset codes or kernel text that share a line
 * with it are ignored. Carriage returns are dropped. The last 60 console lines are kept for
 * error messages.
 */
public final class GuestLog {
    /** A virtio disk of the guest: its serial, kernel name ({@code vdX}) and {@code MAJ:MIN}. */
    public record GuestDisk(String serial, String kernelName, String majMin) {
    }

    private final Map<String, GuestDisk> disksBySerial = new LinkedHashMap<>();
    private final Map<Integer, Map<String, RawCommand>> commands = new LinkedHashMap<>();
    private final Map<Integer, Integer> cleanLeft = new LinkedHashMap<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private final Map<String, String> targets = new LinkedHashMap<>();
    private String kernelRelease;
    private String dmMajor;
    private boolean noDeviceMapper;
    private RawCommand current;
    private int currentScript = -1;
    private boolean ready;
    private boolean done;

    /** Feeds one console line. */
    public void accept(String rawLine) {
        String line = rawLine.replace("\r", "");
        tail.addLast(line);
        while (tail.size() > 60) {
            tail.removeFirst();
        }
        int at = line.indexOf("@@");
        if (at < 0) {
            return;
        }
        String m = line.substring(at + 2);
        String tag = m.contains(" ") ? m.substring(0, m.indexOf(' ')) : m;
        String rest = m.length() > tag.length() ? m.substring(tag.length() + 1) : "";
        switch (tag) {
            case "DISK" -> {
                String[] w = rest.split(" ");
                if (w.length == 3) {
                    disksBySerial.put(w[0], new GuestDisk(w[0], w[1], w[2]));
                }
            }
            case "READY" -> ready = true;
            case "KERNEL" -> kernelRelease = rest.strip();
            case "DMMAJOR" -> dmMajor = rest.strip();
            case "NODM" -> noDeviceMapper = true;
            case "TARGET" -> {
                String[] w = rest.strip().split("\\s+");
                if (w.length >= 2) {
                    targets.put(w[0], w[1]);
                }
            }
            case "SCRIPT" -> {
                currentScript = Integer.parseInt(rest.strip());
                commands.put(currentScript, new LinkedHashMap<>());
            }
            case "BEGIN" -> {
                current = new RawCommand(rest.strip());
                commands.computeIfAbsent(currentScript, k -> new LinkedHashMap<>()).put(current.id, current);
            }
            case "END" -> {
                if (current != null) {
                    current.ended = true;
                }
                current = null;
            }
            case "CLEAN" -> {
                String[] w = rest.strip().split(" ");
                cleanLeft.put(Integer.parseInt(w[0]), Integer.parseInt(w[1]));
            }
            case "DONE" -> done = true;
            default -> {
                if (current != null) {
                    acceptCommandLine(current, tag, rest);
                }
            }
        }
    }

    /** A marker of the command running now: its devices, exit code, output, kernel messages, read size. */
    private static void acceptCommandLine(RawCommand current, String tag, String rest) {
        switch (tag) {
            case "DM" -> {
                String[] w = rest.split(" ", 4);
                if (w.length == 4) {
                    current.mapped.put(w[0], new RawCommand.MappedDevice(w[0], w[1], w[2].equals("1"), w[3]));
                }
            }
            case "DML" -> {
                String[] w = rest.split(" ");
                if (w.length == 2 && w[1].contains(":")) {
                    String kernelName = "dm-" + w[1].substring(w[1].indexOf(':') + 1);
                    current.mapped.putIfAbsent(kernelName, new RawCommand.MappedDevice(kernelName, w[1], false, w[0]));
                }
            }
            case "RC" -> current.rc = Integer.parseInt(rest.strip());
            case "O" -> current.out.add(rest);
            case "E" -> current.err.add(rest);
            case "K" -> current.kmsg.add(rest);
            case "N" -> current.readBytes = Long.parseLong(rest.strip());
            case "BLOCKED" -> current.blocked = true;
            case "PASTEND" -> current.pastEnd = true;
            default -> {
                // an unknown marker: keep it in the tail only
            }
        }
    }

    /** The guest kernel's release ({@code uname -r}), once the guest said it. */
    public java.util.Optional<String> kernelRelease() {
        return java.util.Optional.ofNullable(kernelRelease);
    }

    /** The block major of device-mapper in the guest, or null when not reported. */
    public String dmMajor() {
        return dmMajor;
    }

    /** True when the guest kernel has no device-mapper (neither built in nor loaded). */
    public boolean noDeviceMapper() {
        return noDeviceMapper;
    }

    /** The device-mapper targets the guest kernel offers, name to version ({@code v1.16.0}). */
    public Map<String, String> targets() {
        return targets;
    }

    public boolean ready() {
        return ready;
    }

    public boolean done() {
        return done;
    }

    /** The script whose commands the guest is running now, or -1 before the first. */
    public int currentScript() {
        return currentScript;
    }

    /** True when the script ran to its end and the guest cleaned up after it. */
    public boolean finished(int script) {
        return cleanLeft.containsKey(script);
    }

    /** Mapped devices the cleanup after {@code script} could not remove (0 normally). */
    public int leftAfter(int script) {
        return cleanLeft.getOrDefault(script, 0);
    }

    /** The command with marker id {@code script.command}, or null when the guest never began it. */
    public RawCommand command(int script, int command) {
        Map<String, RawCommand> m = commands.get(script);
        return m == null ? null : m.get(script + "." + command);
    }

    public Map<String, GuestDisk> disksBySerial() {
        return disksBySerial;
    }

    /** The last console lines, for error messages. */
    public List<String> tail() {
        return new ArrayList<>(tail);
    }
}
