package dev.snapref.conformance.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.scenario.SectorContent;
import dev.snapref.scenario.SectorPattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** SectorMatch must answer exactly what comparing {@link SectorPattern#classify} results answers. */
class SectorMatchTest {
    private static final int S = SectorPattern.SECTOR_SIZE;

    private static byte[] text(String t) {
        byte[] out = new byte[S];
        byte[] b = t.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(b, 0, out, 0, b.length);
        return out;
    }

    private static List<byte[]> sectors() {
        List<byte[]> out = new ArrayList<>();
        out.add(new byte[S]);
        out.add(SectorPattern.of("a", 0));
        out.add(SectorPattern.of("a", 7));
        out.add(SectorPattern.of("A-b.c_9", 123456789012345L));
        out.add(SectorPattern.of("a", Long.MAX_VALUE));
        out.add(text("a@07"));
        out.add(text("a@"));
        out.add(text("@5"));
        out.add(text("a@b@5"));
        out.add(text("a b@5"));
        out.add(text("a@-5"));
        out.add(text("x".repeat(33) + "@5"));
        byte[] tail = SectorPattern.of("a", 7);
        tail[S - 1] = 1;
        out.add(tail);
        byte[] gap = SectorPattern.of("a", 7);
        gap[10] = 'x';
        out.add(gap);
        byte[] noise = new byte[S];
        new SplittableRandom(3).nextBytes(noise);
        out.add(noise);
        return out;
    }

    private static List<SectorContent> expectations() {
        List<SectorContent> out = new ArrayList<>();
        for (byte[] b : sectors()) {
            out.add(SectorPattern.classify(b, 0));
        }
        out.add(new SectorContent.Pattern("a", 70));
        out.add(new SectorContent.Pattern("a", 0));
        out.add(new SectorContent.Pattern("b", 7));
        out.add(new SectorContent.Pattern("a@b", 5));
        out.add(new SectorContent.Pattern("a", -5));
        return out;
    }

    @Test
    void agreesWithClassificationOnEveryPair() {
        SectorMatch match = new SectorMatch();
        for (byte[] sector : sectors()) {
            byte[] shifted = new byte[3 * S];
            System.arraycopy(sector, 0, shifted, S, S);
            for (SectorContent want : expectations()) {
                boolean expected = SectorPattern.classify(sector, 0).equals(want);
                assertEquals(expected, match.holds(sector, 0, want), want + " vs " + SectorPattern.classify(sector, 0));
                assertEquals(expected, match.holds(shifted, S, want), "at an offset: " + want);
            }
        }
    }

    @Test
    void patternsMatchOnlyTheirOwnLabelAndSector() {
        SectorMatch match = new SectorMatch();
        byte[] a7 = SectorPattern.of("a", 7);
        assertTrue(match.holds(a7, 0, new SectorContent.Pattern("a", 7)));
        assertFalse(match.holds(a7, 0, new SectorContent.Pattern("a", 70)));
        assertFalse(match.holds(a7, 0, new SectorContent.Pattern("a", 8)));
        assertFalse(match.holds(a7, 0, new SectorContent.Pattern("b", 7)));
        assertFalse(match.holds(a7, 0, SectorContent.ZERO));
        assertTrue(match.holds(new byte[S], 0, SectorContent.ZERO));
    }
}
