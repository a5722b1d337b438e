package dev.snapref.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Formats the sectors a read returned as transcript lines: one line per run of consecutive
 * sectors that continue one pattern ({@code S-E LABEL}, {@code S-E LABEL@K}, {@code S-E zero},
 * {@code S-E ?}); S and E inclusive.
 */
public final class ReadRuns {
    private ReadRuns() {
    }

    /** Runs for sectors {@code first, first+1, ...} holding {@code contents}. */
    public static List<String> format(long first, List<SectorContent> contents) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < contents.size()) {
            int j = i + 1;
            while (j < contents.size() && continues(contents.get(j - 1), contents.get(j))) {
                j++;
            }
            out.add((first + i) + "-" + (first + j - 1) + " " + describe(first + i, contents.get(i)));
            i = j;
        }
        return out;
    }

    /** Runs for raw bytes read from sector {@code first} on (a whole number of sectors). */
    public static List<String> format(long first, byte[] data) {
        assert data.length % SectorPattern.SECTOR_SIZE == 0 : "whole sectors";
        List<SectorContent> contents = new ArrayList<>(data.length / SectorPattern.SECTOR_SIZE);
        for (int off = 0; off < data.length; off += SectorPattern.SECTOR_SIZE) {
            contents.add(SectorPattern.classify(data, off));
        }
        return format(first, contents);
    }

    private static boolean continues(SectorContent prev, SectorContent next) {
        if (prev instanceof SectorContent.Pattern p && next instanceof SectorContent.Pattern n) {
            return p.label().equals(n.label()) && n.index() == p.index() + 1;
        }
        return prev.equals(next) && !(prev instanceof SectorContent.Pattern);
    }

    private static String describe(long sector, SectorContent c) {
        if (c instanceof SectorContent.Pattern p) {
            return p.index() == sector ? p.label() : p.label() + "@" + p.index();
        }
        return c instanceof SectorContent.Zero ? "zero" : "?";
    }
}
