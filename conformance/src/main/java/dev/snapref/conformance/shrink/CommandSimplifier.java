package dev.snapref.conformance.shrink;

import dev.snapref.scenario.Command;
import dev.snapref.scenario.CreateCommand;
import dev.snapref.scenario.DiskCommand;
import dev.snapref.scenario.LoadCommand;
import dev.snapref.scenario.ReadCommand;
import dev.snapref.scenario.WriteCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Simpler variants of one command for the {@link Shrinker}: smaller sectors and counts, smaller
 * disks, tables with smaller lengths and chunk sizes; and script-wide renamings of labels to
 * {@code A}, {@code B}, ... Candidates are only proposals: the shrinker keeps one only if the
 * script still fails the same way.
 */
final class CommandSimplifier {
    private CommandSimplifier() {
    }

    static List<Command> candidates(Command c) {
        List<Command> out = new ArrayList<>();
        if (c instanceof WriteCommand w) {
            for (long s : smaller(w.sector(), 0)) {
                out.add(new WriteCommand(w.device(), s, w.count(), w.label()));
            }
            for (long n : smaller(w.count(), 1)) {
                out.add(new WriteCommand(w.device(), w.sector(), n, w.label()));
            }
        } else if (c instanceof ReadCommand r) {
            for (long s : smaller(r.sector(), 0)) {
                out.add(new ReadCommand(r.device(), s, r.count()));
            }
            for (long n : smaller(r.count(), 1)) {
                out.add(new ReadCommand(r.device(), r.sector(), n));
            }
        } else if (c instanceof DiskCommand d) {
            for (long n : smaller(d.sectors(), 1)) {
                out.add(new DiskCommand(d.name(), n));
            }
        } else if (c instanceof CreateCommand cc) {
            for (String t : simplerTables(cc.table())) {
                out.add(new CreateCommand(cc.name(), t));
            }
        } else if (c instanceof LoadCommand l) {
            for (String t : simplerTables(l.table())) {
                out.add(new LoadCommand(l.name(), t));
            }
        }
        return out;
    }

    /** The script with all labels renamed to A, B, ... (in order of first use); empty if already so. */
    static List<List<Command>> labelRenamings(List<Command> commands) {
        Map<String, String> rename = new LinkedHashMap<>();
        for (Command c : commands) {
            if (c instanceof WriteCommand w && !rename.containsKey(w.label())) {
                rename.put(w.label(), shortLabel(rename.size()));
            }
        }
        if (rename.entrySet().stream().allMatch(e -> e.getKey().equals(e.getValue()))) {
            return List.of();
        }
        List<Command> renamed = new ArrayList<>(commands.size());
        for (Command c : commands) {
            renamed.add(c instanceof WriteCommand w
                    ? new WriteCommand(w.device(), w.sector(), w.count(), rename.get(w.label())) : c);
        }
        return List.of(renamed);
    }

    private static String shortLabel(int i) {
        return i < 26 ? String.valueOf((char) ('A' + i)) : "L" + i;
    }

    /** Values below {@code v} worth trying, smallest first: the minimum, then halves. */
    private static Set<Long> smaller(long v, long min) {
        Set<Long> out = new LinkedHashSet<>();
        if (v > min) {
            out.add(min);
            long h = v / 2;
            while (h > min) {
                out.add(h);
                h /= 2;
            }
            out.add(v - 1);
        }
        out.remove(v);
        return out;
    }

    /** Tables whose numeric words (length, chunk size) are smaller; other words kept. */
    private static List<String> simplerTables(String table) {
        String[] w = table.trim().split("\\s+");
        List<String> out = new ArrayList<>();
        for (int i = 1; i < w.length; i++) {
            if (i == 1 || (i == 5 && w.length >= 6 && w[2].equals("snapshot"))) {
                if (!w[i].matches("[0-9]{1,12}")) {
                    continue;
                }
                long v = Long.parseLong(w[i]);
                for (long s : smaller(v, i == 1 ? 1 : 0)) {
                    String[] copy = w.clone();
                    copy[i] = Long.toString(s);
                    out.add(String.join(" ", copy));
                }
            }
        }
        return out;
    }
}
