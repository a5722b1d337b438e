package dev.snapref.engine.store;

import java.util.Optional;
import java.util.OptionalLong;

/** The kernel's chunk size rules (dm-exception-store.c): parsing and validation. */
public final class ChunkSize {
    /** INT_MAX >> SECTOR_SHIFT: the largest chunk size in sectors the kernel accepts. */
    public static final long MAX_SECTORS = Integer.MAX_VALUE >> 9;
    /** Default persistent chunk size when the table gives 0 (DM_CHUNK_SIZE_DEFAULT_SECTORS). */
    public static final long DEFAULT_SECTORS = 32;

    private ChunkSize() {
    }

    /**
     * Parses like kstrtouint(s, 10): optional '+', decimal digits, at most UINT_MAX; empty when
     * the text is not such a number. kstrtouint's one trailing newline never occurs: a table word
     * holds no whitespace.
     */
    public static OptionalLong parseUnsigned(String s) {
        assert s.chars().noneMatch(Character::isWhitespace) : "a table word holds no whitespace";
        String t = s.startsWith("+") ? s.substring(1) : s;
        if (t.isEmpty()) {
            return OptionalLong.empty();
        }
        long v = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
            v = v * 10 + (c - '0');
            if (v > 0xFFFF_FFFFL) {
                return OptionalLong.empty(); // -ERANGE; leading zeros are no limit, as in kstrtouint
            }
        }
        return OptionalLong.of(v);
    }

    /**
     * Why a non-zero chunk size (sectors) is invalid for devices of {@code logicalBlockSectors}
     * sectors per logical block, in the kernel's words (dm_exception_store_set_chunk_size);
     * empty when it is valid.
     */
    public static Optional<String> invalidReason(long chunk, long logicalBlockSectors) {
        if (chunk <= 0 || Long.bitCount(chunk) != 1) {
            return Optional.of("Chunk size is not a power of 2");
        }
        if (chunk % logicalBlockSectors != 0) {
            return Optional.of("Chunk size is not a multiple of device blocksize");
        }
        if (chunk > MAX_SECTORS) {
            return Optional.of("Chunk size is too high");
        }
        return Optional.empty();
    }
}
