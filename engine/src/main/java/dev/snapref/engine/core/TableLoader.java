package dev.snapref.engine.core;

import dev.snapref.engine.DmException;
import dev.snapref.engine.Errno;
import dev.snapref.engine.snapshot.SnapshotOriginTarget;
import dev.snapref.engine.snapshot.SnapshotTarget;

import java.util.Arrays;

/**
 * Builds a table from its text line {@code START LENGTH TYPE ARGS...} (populate_table and
 * dm_table_add_target): runs the target constructor and, on failure, logs exactly what the kernel
 * logs ({@code table: <dev>: <type>: <error> (-E...)} then {@code ioctl: error adding target to table}).
 */
public final class TableLoader {
    private TableLoader() {
    }

    /** Constructs a target of a known type; throws the ctr failure. */
    @FunctionalInterface
    interface Constructor {
        Target construct(Table t, long begin, long length, String[] argv) throws CtrException;
    }

    /** Builds the table; the caller holds the control lock. */
    public static Table load(MappedDevice md, String text) throws DmException {
        Kernel k = md.kernel();
        String[] words = text.trim().isEmpty() ? new String[0] : text.trim().split("\\s+");
        if (words.length < 3) {
            throw new DmException(Errno.EINVAL, "invalid table line"); // dmsetup rejects it
        }
        long start = parseSectors(words[0]);
        long length = parseSectors(words[1]);
        if (start < 0 || length < 0) {
            throw new DmException(Errno.EINVAL, "invalid table line");
        }
        String type = words[2];
        String[] argv = Arrays.copyOfRange(words, 3, words.length);
        Table t = md.newTable();
        if (length == 0) {
            k.log().log("table: " + md.name() + ": zero-length target");
            return fail(k);
        }
        Constructor ctor = constructorFor(type, k);
        if (ctor == null) {
            k.log().log("table: " + md.name() + ": " + type + ": unknown target type");
            return fail(k);
        }
        try {
            if (start != 0) {
                throw new CtrException("Gap in table", Errno.EINVAL);
            }
            MappedDevice.setTarget(t, ctor.construct(t, start, length, argv));
        } catch (CtrException e) {
            k.log().log("table: " + md.name() + ": " + type + ": " + e.getMessage() + " (" + e.errno().pe() + ")");
            k.log().log("ioctl: error adding target to table");
            throw new DmException(e.errno(), e.getMessage());
        }
        return t;
    }

    private static Table fail(Kernel k) throws DmException {
        k.log().log("ioctl: error adding target to table");
        throw new DmException(Errno.EINVAL, "error adding target to table");
    }

    private static Constructor constructorFor(String type, Kernel k) {
        switch (type) {
            case "snapshot":
                return (t, b, l, a) -> SnapshotTarget.construct(t, b, l, a, k);
            case "snapshot-origin":
                return (t, b, l, a) -> SnapshotOriginTarget.construct(t, b, l, a, k);
            default:
                return null;
        }
    }

    private static long parseSectors(String s) {
        try {
            long v = Long.parseLong(s);
            return v < 0 ? -1 : v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
