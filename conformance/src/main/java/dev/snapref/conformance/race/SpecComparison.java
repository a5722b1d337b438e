package dev.snapref.conformance.race;

import dev.snapref.model.AbstractionDifference;
import dev.snapref.scenario.SectorContent;
import dev.snapref.scenario.TranscriptStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What differs between a controlled run of the engine and the model's results for one order of
 * the same operations, as short readable lines (empty: the run is that order's).
 */
final class SpecComparison {
    private SpecComparison() {
    }

    static List<String> differences(RaceRun run, SequentialSpec.Expected e, List<Integer> order) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(run.setup().size(), e.setup().size()); i++) {
            if (!run.setup().get(i).equals(e.setup().get(i))) {
                out.add("set-up step " + (i + 1) + " `" + e.setup().get(i).echo() + "` differs: engine "
                        + brief(run.setup().get(i), true) + ", model " + brief(e.setup().get(i), true));
                return out;
            }
        }
        for (RaceRun.Op op : run.ops()) {
            TranscriptStep want = e.ops().get(op.thread()).get(op.index());
            if (op.step() == null || !sameResult(op.step(), want)) {
                out.add("thread " + (op.thread() + 1) + " `" + want.echo() + "`: engine "
                        + (op.step() == null ? "(no result)" : brief(op.step(), false)) + ", model "
                        + brief(want, false) + " in order " + order(order));
            }
        }
        if (!run.kmsg().equals(e.kmsg())) {
            out.add("kernel messages of the concurrent part: engine " + run.kmsg() + ", model " + e.kmsg());
        }
        for (int i = 0; i < e.check().size(); i++) {
            TranscriptStep got = i < run.check().size() ? run.check().get(i) : null;
            if (got == null || !got.equals(e.check().get(i))) {
                out.add("check `" + e.check().get(i).echo() + "`: engine " + (got == null ? "(none)" : brief(got, true))
                        + ", model " + brief(e.check().get(i), true));
            }
        }
        List<AbstractionDifference> world = e.world().differences(run.world());
        if (!world.isEmpty()) {
            out.add("abstract state (model vs engine): " + world.get(0) + (world.size() > 1 ? " (+" + (world.size() - 1)
                    + " more)" : ""));
        }
        disks(run.disks(), e.disks(), out);
        return out;
    }

    private static boolean sameResult(TranscriptStep a, TranscriptStep b) {
        return a.echo().equals(b.echo()) && a.output().equals(b.output()) && a.outcome().equals(b.outcome());
    }

    private static void disks(Map<String, List<SectorContent>> got, Map<String, List<SectorContent>> want,
                              List<String> out) {
        for (Map.Entry<String, List<SectorContent>> d : want.entrySet()) {
            List<SectorContent> g = got.getOrDefault(d.getKey(), List.of());
            List<SectorContent> w = d.getValue();
            for (int i = 0; i < w.size(); i++) {
                if (i >= g.size() || !w.get(i).equals(g.get(i))) {
                    out.add("/dev/disk/" + d.getKey() + " sector " + i + ": engine " + (i < g.size() ? g.get(i) : "none")
                            + ", model " + w.get(i));
                    break;
                }
            }
        }
    }

    /** The step's output and outcome on one line (with kernel messages when {@code kmsg}). */
    static String brief(TranscriptStep s, boolean kmsg) {
        StringBuilder sb = new StringBuilder();
        for (String o : s.output()) {
            sb.append(o).append(" | ");
        }
        if (kmsg) {
            for (String k : s.kmsg()) {
                sb.append("kmsg: ").append(k).append(" | ");
            }
        }
        return sb.append("-> ").append(s.outcome().text()).toString();
    }

    private static String order(List<Integer> order) {
        StringBuilder sb = new StringBuilder();
        for (int t : order) {
            sb.append(sb.length() == 0 ? "" : ",").append(t + 1);
        }
        return sb.toString();
    }
}
