package dev.snapref.conformance.fuzz;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Seeds for fuzz campaigns. A seed is a decimal number, a 0x-prefixed hex number, or any other
 * text such as a git commit hash, which is hashed (SHA-256, first 8 bytes) so that the same
 * text always gives the same seed. Script seeds are derived from the campaign seed and the
 * script index by a SplitMix64 step, so script {@code k} is the same whatever the shard layout.
 */
public final class Seeds {
    private Seeds() {
    }

    /** Parses a seed argument. */
    public static long parse(String text) {
        String t = text.strip();
        if (t.matches("-?[0-9]{1,18}")) {
            return Long.parseLong(t);
        }
        if (t.matches("0[xX][0-9a-fA-F]{1,16}")) {
            return Long.parseUnsignedLong(t.substring(2), 16);
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(t.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The seed of script {@code index} of a campaign with seed {@code campaign}. */
    public static long scriptSeed(long campaign, long index) {
        long z = campaign + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
