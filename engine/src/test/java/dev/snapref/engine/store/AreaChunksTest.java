package dev.snapref.engine.store;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** AreaChunks answers as the division does, for chunks asked in order, backwards, at random and past 2^63. */
class AreaChunksTest {
    private static boolean byDivision(long chunk, long exceptionsPerArea) {
        return Long.remainderUnsigned(chunk, exceptionsPerArea + 1) == DiskFormat.HEADER_CHUNKS;
    }

    @Test
    void answersAsTheDivisionDoes() {
        Random r = new Random(5);
        for (long perArea : new long[] {256, 4096, 1L << 20}) {
            AreaChunks a = new AreaChunks(perArea);
            for (long c = 0; c < 3 * (perArea + 1) + 5; c++) {
                assertEquals(byDivision(c, perArea), a.isArea(c), "chunk " + c);
            }
            for (int i = 0; i < 20_000; i++) {
                long c = switch (i % 4) {
                    case 0 -> r.nextInt(10_000_000);
                    case 1 -> -1L - r.nextInt(10_000);
                    case 2 -> Long.MAX_VALUE - r.nextInt(10_000) + r.nextInt(20_000);
                    default -> (perArea + 1) * r.nextInt(1000) + r.nextInt(3);
                };
                assertEquals(byDivision(c, perArea), a.isArea(c), "chunk " + Long.toUnsignedString(c));
                assertEquals(byDivision(c + 1, perArea), a.isArea(c + 1), "chunk after " + Long.toUnsignedString(c));
            }
        }
    }
}
