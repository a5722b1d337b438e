package dev.snapref.conformance.check;

import dev.snapref.scenario.ScriptParser;
import dev.snapref.scenario.SectorContent;
import dev.snapref.scenario.SectorPattern;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides whether a sector's raw bytes classify ({@link SectorPattern#classify}) as an expected
 * {@link SectorContent}, without building the classification in the common cases.
 *
 * <p>Exactness: {@code classify} returns {@code ZERO} exactly when all 512 bytes are zero; it
 * returns {@code Pattern(label, k)} exactly when the bytes are the ASCII text {@code label@k}
 * ({@code k} in canonical decimal) followed by zero bytes, {@code label} matches
 * {@link ScriptParser#LABEL} (so holds no '@' and no NUL, and the last '@' separates it) and
 * {@code k >= 0}. Both conditions are tested here directly; anything else (an expected
 * {@code OTHER}, or bytes that do not match) falls back to {@code classify(...).equals(...)}, so
 * the answer is always the one classification gives. One instance caches label validity and is
 * meant for one comparison (not thread-safe).
 */
final class SectorMatch {
    private static final byte[] ZERO = new byte[SectorPattern.SECTOR_SIZE];
    private final Map<String, Boolean> validLabels = new HashMap<>();

    /** Whether the sector at {@code off} of {@code data} classifies as {@code expected}. */
    boolean holds(byte[] data, int off, SectorContent expected) {
        if (expected instanceof SectorContent.Zero) {
            return isZero(data, off, SectorPattern.SECTOR_SIZE);
        }
        if (expected instanceof SectorContent.Pattern p && p.index() >= 0 && validLabel(p.label())
                && isPattern(data, off, p.label(), p.index())) {
            return true;
        }
        return SectorPattern.classify(data, off).equals(expected);
    }

    private boolean validLabel(String label) {
        return validLabels.computeIfAbsent(label, l -> ScriptParser.LABEL.matcher(l).matches());
    }

    /** Whether the sector is exactly {@code label@index} then zero bytes ({@code index >= 0}). */
    static boolean isPattern(byte[] data, int off, String label, long index) {
        int n = label.length();
        int digits = digits(index);
        int textLength = n + 1 + digits;
        if (textLength > SectorPattern.SECTOR_SIZE) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (data[off + i] != (byte) label.charAt(i)) {
                return false;
            }
        }
        if (data[off + n] != '@') {
            return false;
        }
        long v = index;
        for (int i = textLength - 1; i > n; i--) {
            if (data[off + i] != (byte) ('0' + (int) (v % 10))) {
                return false;
            }
            v /= 10;
        }
        return isZero(data, off + textLength, SectorPattern.SECTOR_SIZE - textLength);
    }

    private static int digits(long v) {
        int d = 1;
        while (v >= 10) {
            v /= 10;
            d++;
        }
        return d;
    }

    private static boolean isZero(byte[] data, int off, int length) {
        return Arrays.equals(data, off, off + length, ZERO, 0, length);
    }
}
