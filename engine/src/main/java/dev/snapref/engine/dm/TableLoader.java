package dev.snapref.engine.dm;

import dev.snapref.engine.kernel.DmException;
import dev.snapref.engine.kernel.Errno;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Builds a table from its text line {@code START LENGTH TYPE ARGS...} (populate_table and
 * dm_table_add_target): looks the type up in the registry, runs its constructor and, on failure,
 * logs exactly what the kernel logs ({@code table: <dev>: <type>: <error> (-E...)} then
 * {@code ioctl: error adding target to table}).
 */
public final class TableLoader {
    private TableLoader() {
    }

    /** Builds the table; the caller holds the control lock. Fails as the kernel's table_load does. */
    public static Table load(MappedDevice md, String text) throws DmException {
        DmContext ctx = md.context();
        String[] words = text.trim().isEmpty() ? new String[0] : text.trim().split("\\s+");
        if (words.length < 3) {
            throw new DmException(Errno.EINVAL, "invalid table line"); // dmsetup rejects it
        }
        long start = parseSectors(words[0]).orElseThrow(() -> new DmException(Errno.EINVAL, "invalid table line"));
        long length = parseSectors(words[1]).orElseThrow(() -> new DmException(Errno.EINVAL, "invalid table line"));
        String type = words[2];
        String[] argv = Arrays.copyOfRange(words, 3, words.length);
        Table t = md.newTable();
        if (length == 0) {
            ctx.log().log("table: " + md.name() + ": zero-length target");
            throw tableFailure(ctx);
        }
        Optional<TargetType> tt = ctx.targetTypes().lookup(type);
        if (tt.isEmpty()) {
            ctx.log().log("table: " + md.name() + ": " + type + ": unknown target type");
            throw tableFailure(ctx);
        }
        try {
            if (start != 0) {
                throw new DmException(Errno.EINVAL, "Gap in table");
            }
            t.setTarget(tt.get().construct(t, start, length, argv));
        } catch (DmException e) {
            String error = e.detail().orElse(e.errno().name());
            ctx.log().log("table: " + md.name() + ": " + type + ": " + error + " (" + e.errno().pe() + ")");
            ctx.log().log("ioctl: error adding target to table");
            throw e;
        }
        return t;
    }

    private static DmException tableFailure(DmContext ctx) {
        ctx.log().log("ioctl: error adding target to table");
        return new DmException(Errno.EINVAL, "error adding target to table");
    }

    /** A sector count of a table line (sscanf "%llu"-like: a non-negative decimal), empty if it is none. */
    private static OptionalLong parseSectors(String s) {
        try {
            long v = Long.parseLong(s);
            return v < 0 ? OptionalLong.empty() : OptionalLong.of(v);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
