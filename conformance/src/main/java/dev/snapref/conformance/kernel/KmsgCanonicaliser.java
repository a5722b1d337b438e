package dev.snapref.conformance.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns raw {@code dmesg} lines into transcript {@code kmsg:} texts: keeps only lines whose
 * message starts with {@code device-mapper: } (after the optional {@code [seconds]}
 * timestamp and an optional {@code <level>} prefix), removes that prefix, and names devices as
 * the script does ({@link DeviceNames#inKmsg}). Order is kept.
 */
public final class KmsgCanonicaliser {
    private static final String PREFIX = "device-mapper: ";
    private static final Pattern STAMP = Pattern.compile("^(<\\d+>)?\\s*(\\[\\s*\\d+\\.\\d+\\]\\s?)?");

    private KmsgCanonicaliser() {
    }

    /** The canonical kernel messages of one command. */
    public static List<String> canonicalise(List<String> rawLines, DeviceNames names) {
        List<String> out = new ArrayList<>();
        for (String raw : rawLines) {
            String msg = STAMP.matcher(raw).replaceFirst("");
            if (!msg.startsWith(PREFIX)) {
                continue;
            }
            String text = names.inKmsg(msg.substring(PREFIX.length())).stripTrailing();
            if (!text.isEmpty()) {
                out.add(text);
            }
        }
        return out;
    }
}
