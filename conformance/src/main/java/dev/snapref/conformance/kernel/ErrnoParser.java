package dev.snapref.conformance.kernel;

import dev.snapref.scenario.Errno;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the kernel's errno in what dmsetup or busybox dd printed on stderr.
 *
 * <ul>
 *   <li>dmsetup: {@code device-mapper: reload ioctl on s1 (253:1) failed: Invalid argument}
 *       gives the errno whose strerror text follows {@code failed: }.</li>
 *   <li>dmsetup: {@code Device does not exist.} (a lookup that found no device) is ENXIO, the
 *       kernel's answer to the status ioctl that libdevmapper turned into that line.</li>
 *   <li>dd: {@code dd: error writing '/dev/x': No space left on device},
 *       {@code dd: /dev/x: Input/output error}, {@code dd: can't open '/dev/x': No such file or
 *       directory} give the errno of the text after the last {@code ": "}.</li>
 * </ul>
 * Lines dmsetup adds on its own ({@code Command failed.}) are ignored.
 */
public final class ErrnoParser {
    private static final Pattern FAILED = Pattern.compile("failed: (.+)$");
    private static final Pattern DD = Pattern.compile("^dd: .*: ([^:]+)$");

    private ErrnoParser() {
    }

    /** The errno named on stderr, if any line names one. */
    public static Optional<Errno> parse(List<String> stderr) {
        for (String l : stderr) {
            String line = l.strip();
            Matcher m = FAILED.matcher(line);
            if (m.find()) {
                Optional<Errno> e = Errno.fromMessage(m.group(1));
                if (e.isPresent()) {
                    return e;
                }
            }
            m = DD.matcher(line);
            if (m.find()) {
                Optional<Errno> e = Errno.fromMessage(m.group(1));
                if (e.isPresent()) {
                    return e;
                }
            }
            if (line.equals("Device does not exist.")) {
                return Optional.of(Errno.ENXIO);
            }
        }
        return Optional.empty();
    }
}
