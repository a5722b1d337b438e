package dev.snapref.scenario;

/**
 * A block device path of a script: {@code /dev/disk/NAME} (a backing disk) or
 * {@code /dev/mapper/NAME} (a mapped device).
 */
public record DevicePath(Kind kind, String name) {
    /** Which namespace the path lives in. */
    public enum Kind {
        DISK("/dev/disk/"), MAPPER("/dev/mapper/");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    /** The path exactly as a script writes it. */
    public String path() {
        return kind.prefix() + name;
    }

    /** Parses a path, or returns null when it is neither a disk nor a mapper path with a name. */
    public static DevicePath parse(String path) {
        for (Kind k : Kind.values()) {
            if (path.startsWith(k.prefix()) && path.length() > k.prefix().length()) {
                String name = path.substring(k.prefix().length());
                return name.indexOf('/') >= 0 ? null : new DevicePath(k, name);
            }
        }
        return null;
    }

    public static DevicePath disk(String name) {
        return new DevicePath(Kind.DISK, name);
    }

    public static DevicePath mapper(String name) {
        return new DevicePath(Kind.MAPPER, name);
    }

    @Override
    public String toString() {
        return path();
    }
}
