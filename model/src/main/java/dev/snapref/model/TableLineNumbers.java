package dev.snapref.model;

import java.math.BigInteger;
import java.util.OptionalLong;

/**
 * START and LENGTH of a table line as the kernel receives them: dmsetup reads each with
 * {@code sscanf("%llu")} (strtoull): an optional sign, then decimal digits; a value past 2^64 - 1
 * becomes 2^64 - 1, a minus sign negates modulo 2^64. The kernel's dm_table_add_target then refuses
 * a sum past {@code LLONG_MAX >> SECTOR_SHIFT} ("too large device", as Linux 6.1's stable fix
 * does; observed on Debian's 6.1 build). Values are unsigned 64-bit, held in a {@code long}.
 *
 * <p>Limit: a word that is not wholly a number is refused here (EINVAL, no kernel message), where
 * sscanf would stop at the first non-digit and read the rest as the next field.
 */
final class TableLineNumbers {
    private static final BigInteger WRAP = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger MAX = WRAP.subtract(BigInteger.ONE);
    /** LLONG_MAX >> SECTOR_SHIFT: the largest device end dm accepts, in sectors. */
    static final long MAX_END = Long.MAX_VALUE >> 9;

    private TableLineNumbers() {
    }

    /** The unsigned value strtoull gives {@code word}, or empty when the word is not [+-]digits. */
    static OptionalLong sectors(String word) {
        boolean negative = word.startsWith("-");
        String digits = negative || word.startsWith("+") ? word.substring(1) : word;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        BigInteger v = new BigInteger(digits);
        if (v.compareTo(MAX) > 0) {
            return OptionalLong.of(MAX.longValue());
        }
        return OptionalLong.of((negative ? WRAP.subtract(v).mod(WRAP) : v).longValue());
    }

    /** Whether {@code start + length} wraps or ends past {@link #MAX_END} (both unsigned). */
    static boolean tooLarge(long start, long length) {
        BigInteger end = BigInteger.valueOf(start).and(MAX).add(BigInteger.valueOf(length).and(MAX));
        return end.compareTo(BigInteger.valueOf(MAX_END)) > 0;
    }
}
