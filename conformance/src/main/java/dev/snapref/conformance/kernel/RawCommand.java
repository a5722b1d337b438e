package dev.snapref.conformance.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the guest reported for one command, before canonicalisation: exit code, stdout and
 * stderr lines of dmsetup or dd, raw kernel messages ({@code dmesg -c}), the mapped devices
 * seen around the command (kernel name {@code dm-N} to {@code MAJ:MIN} and device name),
 * whether I/O was not issued (blocked: suspended device; past end: start beyond the device)
 * and how many bytes a read returned.
 */
public final class RawCommand {
    /** A mapped device as listed in sysfs. */
    public record MappedDevice(String kernelName, String majMin, boolean suspended, String name) {
    }

    final String id;
    Integer rc;
    final List<String> out = new ArrayList<>();
    final List<String> err = new ArrayList<>();
    final List<String> kmsg = new ArrayList<>();
    final Map<String, MappedDevice> mapped = new LinkedHashMap<>();
    boolean blocked;
    boolean pastEnd;
    long readBytes = -1;
    boolean ended;

    RawCommand(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The exit code, or null when the command printed none (blocked, past end). */
    public Integer rc() {
        return rc;
    }

    public List<String> out() {
        return out;
    }

    public List<String> err() {
        return err;
    }

    public List<String> kmsg() {
        return kmsg;
    }

    /** Mapped devices seen before or after the command, by kernel name ({@code dm-N}). */
    public Map<String, MappedDevice> mapped() {
        return mapped;
    }

    public boolean blocked() {
        return blocked;
    }

    public boolean pastEnd() {
        return pastEnd;
    }

    /** Bytes a read returned, or -1 when the guest reported none. */
    public long readBytes() {
        return readBytes;
    }

    /** True once the guest printed the command's end marker. */
    public boolean ended() {
        return ended;
    }
}
