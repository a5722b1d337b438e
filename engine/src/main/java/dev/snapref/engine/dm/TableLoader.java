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
        long end = start + length;
        if (Long.compareUnsigned(end, start) < 0 || Long.compareUnsigned(end, Long.MAX_VALUE >> 9) > 0) {
            ctx.log().log("table: " + md.name() + ": too large device");
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

    /**
     * A sector count of a table line as dmsetup's {@code sscanf("%llu")} reads a whole word: an
     * optional sign and decimal digits; past 2^64 - 1 it stays at 2^64 - 1, a minus sign negates
     * modulo 2^64 (unsigned, in a long). Empty when the word is not that (dmsetup: "Invalid format").
     */
    private static OptionalLong parseSectors(String s) {
        int i = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
        if (i == s.length()) {
            return OptionalLong.empty();
        }
        long v = 0;
        boolean saturated = false;
        for (; i < s.length(); i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return OptionalLong.empty();
            }
            long times10 = v * 10;
            saturated |= Long.compareUnsigned(v, Long.divideUnsigned(-1L, 10)) > 0
                    || Long.compareUnsigned(times10 + d, times10) < 0;
            v = times10 + d;
        }
        if (saturated) {
            return OptionalLong.of(-1L);
        }
        return OptionalLong.of(s.startsWith("-") ? -v : v);
    }
}
