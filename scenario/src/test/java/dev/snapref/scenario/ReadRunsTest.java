package dev.snapref.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadRunsTest {
    @Test
    void patternsZeroAndOtherFormIndependentRuns() {
        byte[] data = new byte[8 * 512];
        put(data, 0, SectorPattern.fill("PRE", 100, 3));     // sectors 100-102: PRE at its own place
        put(data, 3, SectorPattern.of("SNAPW", 16));          // 103: data from elsewhere
        put(data, 4, SectorPattern.of("SNAPW", 17));          // 104 continues SNAPW@16
        data[6 * 512 + 100] = 1;                              // 106: garbage after a zero at 105
        put(data, 7, SectorPattern.of("X", 107));
        assertEquals(List.of("100-102 PRE", "103-104 SNAPW@16", "105-105 zero", "106-106 ?", "107-107 X"),
                ReadRuns.format(100, data));
    }

    @Test
    void aSectorIsAPatternOnlyWhenExact() {
        byte[] s = SectorPattern.of("L", 5);
        assertEquals(new SectorContent.Pattern("L", 5), SectorPattern.classify(s, 0));
        s[511] = 7;
        assertEquals(SectorContent.OTHER, SectorPattern.classify(s, 0));
        byte[] lead = Arrays.copyOf("L@05".getBytes(), 512);
        assertEquals(SectorContent.OTHER, SectorPattern.classify(lead, 0), "leading zeros are not a pattern");
        byte[] bad = Arrays.copyOf("L*@5".getBytes(), 512);
        assertEquals(SectorContent.OTHER, SectorPattern.classify(bad, 0));
        assertEquals(SectorContent.ZERO, SectorPattern.classify(new byte[512], 0));
    }

    @Test
    void differentLabelsOrGapsBreakARun() {
        List<SectorContent> c = List.of(new SectorContent.Pattern("A", 0), new SectorContent.Pattern("A", 2),
                new SectorContent.Pattern("B", 3));
        assertEquals(List.of("0-0 A", "1-1 A@2", "2-2 B@3"), ReadRuns.format(0, c));
    }

    private static void put(byte[] data, int sectorIdx, byte[] bytes) {
        System.arraycopy(bytes, 0, data, sectorIdx * 512, bytes.length);
    }
}
