package dev.snapref.conformance.kernel;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the kernel names the devices of one script, and what a transcript calls them.
 *
 * <p>Disks: their {@code MAJ:MIN} and kernel name ({@code vdX}) both become
 * {@code /dev/disk/NAME}. Mapped devices: {@code MAJ:MIN} and {@code dm-N} become the device
 * name in kernel messages and {@code /dev/mapper/NAME} in table and status lines. Tokens that
 * name no device of the script are left as they are, except in a failed {@code create}'s
 * kernel messages ({@link #unlisted}).
 */
public final class DeviceNames {
    private static final Pattern TOKEN = Pattern.compile("(?<![\\w./-])(\\d+:\\d+|dm-\\d+|vd[a-z]+)(?![\\w])");

    private final Map<String, String> forKmsg = new HashMap<>();
    private final Map<String, String> forTable = new HashMap<>();
    private String unlistedMajor;
    private String unlistedName;

    /** A disk of the script. */
    public DeviceNames disk(String name, String kernelName, String majMin) {
        String path = "/dev/disk/" + name;
        forKmsg.put(kernelName, path);
        forKmsg.put(majMin, path);
        forTable.put(majMin, path);
        forTable.put(kernelName, path);
        return this;
    }

    /** A mapped device (kernel name {@code dm-N} may be null when only the number is known). */
    public DeviceNames mapped(String name, String kernelName, String majMin) {
        if (kernelName != null) {
            forKmsg.put(kernelName, name);
            forTable.put(kernelName, "/dev/mapper/" + name);
        }
        forKmsg.put(majMin, name);
        forTable.put(majMin, "/dev/mapper/" + name);
        return this;
    }

    /**
     * Names every mapped device number of major {@code dmMajor} (and every {@code dm-N}) that
     * no other entry names as {@code name}: the device a failed {@code create} made and removed.
     */
    public DeviceNames unlisted(String dmMajor, String name) {
        this.unlistedMajor = dmMajor;
        this.unlistedName = name;
        return this;
    }

    /** A kernel message text with device numbers and kernel names replaced by script names. */
    public String inKmsg(String text) {
        return replace(text, forKmsg, true);
    }

    /** A table or status line with device numbers replaced by the paths a script uses. */
    public String inTable(String text) {
        return replace(text, forTable, false);
    }

    private String replace(String text, Map<String, String> names, boolean kmsg) {
        Matcher m = TOKEN.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String to = names.get(m.group(1));
            if (to == null && kmsg && unlistedName != null && (m.group(1).startsWith(unlistedMajor + ":")
                    || m.group(1).startsWith("dm-"))) {
                to = unlistedName;
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(to == null ? m.group(1) : to));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
