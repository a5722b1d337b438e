package dev.snapref.scenario;

import java.util.Optional;

/**
 * Linux errno values a transcript may name ({@code -> error ENAME}), with the kernel's number
 * and glibc's {@code strerror} text (dmsetup prints {@code failed: <strerror>}).
 */
public enum Errno {
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    EIO(5, "Input/output error"),
    ENXIO(6, "No such device or address"),
    ENOMEM(12, "Cannot allocate memory"),
    EBUSY(16, "Device or resource busy"),
    EEXIST(17, "File exists"),
    ENODEV(19, "No such device"),
    EINVAL(22, "Invalid argument"),
    ENOTTY(25, "Inappropriate ioctl for device"),
    EFBIG(27, "File too large"),
    ENOSPC(28, "No space left on device"),
    EROFS(30, "Read-only file system"),
    ENODATA(61, "No data available"),
    EOPNOTSUPP(95, "Operation not supported"),
    ETIMEDOUT(110, "Connection timed out");

    private final int number;
    private final String message;

    Errno(int number, String message) {
        this.number = number;
        this.message = message;
    }

    /** The positive kernel errno, e.g. 22 for EINVAL. */
    public int number() {
        return number;
    }

    /** glibc's strerror text. */
    public String message() {
        return message;
    }

    /** The errno whose strerror text is {@code text}, if known. */
    public static Optional<Errno> fromMessage(String text) {
        for (Errno e : values()) {
            if (e.message.equals(text.strip())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The errno with this positive or negative number, if known. */
    public static Optional<Errno> fromNumber(int n) {
        for (Errno e : values()) {
            if (e.number == Math.abs(n)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
