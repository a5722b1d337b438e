package dev.snapref.cli;

import dev.snapref.model.Invariants;
import dev.snapref.model.explore.ExplorationReport;
import dev.snapref.model.explore.Explorer;
import dev.snapref.model.explore.ExplorerConfig;
import dev.snapref.model.explore.Violation;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code snapref explore [--depth N] [--json] [--stacks]}: breadth-first search of the model's
 * reachable states in the default small configuration (or LVM's, with {@code --stacks}), every
 * invariant checked on every state. Exit 1 when a violation is found (each printed as the
 * shortest script reaching it).
 */
@Command(name = "explore", mixinStandardHelpOptions = true,
        description = "Exhaustively explore the model's states (one origin, one cow, up to three snapshot "
                + "devices, chunk sizes 8 and 16, P and N) and check every invariant on every state.")
public final class ExploreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--depth", defaultValue = "8", paramLabel = "N", converter = NumericOptions.Depth.class,
            description = "Commands after the disk declarations (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--stacks", description = "Explore LVM's world instead: the origin and a cow as linear devices "
            + "on one disk, snapshot-origin and snapshots on them, merges (snapshot-merge into the origin's device).")
    boolean stacks;

    @Override
    public Integer call() {
        ExplorationReport r = new Explorer(stacks ? ExplorerConfig.lvm() : ExplorerConfig.defaults()).explore(depth);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? json(r) : text(r));
        out.flush();
        return r.violations().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }

    private static String text(ExplorationReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("depth bound:      ").append(r.depth()).append('\n');
        sb.append("depth reached:    ").append(r.depthReached()).append('\n');
        sb.append("distinct states:  ").append(r.states()).append('\n');
        sb.append("transitions:      ").append(r.transitions()).append('\n');
        sb.append("time:             ").append(String.format(Locale.ROOT, "%.1f s", r.millis() / 1000.0)).append('\n');
        sb.append("states/s:         ").append(String.format(Locale.ROOT, "%.0f", r.statesPerSecond())).append('\n');
        sb.append("invariants:       ").append(String.join(" ", r.invariants())).append('\n');
        if (r.violations().isEmpty()) {
            sb.append("violations:       none\n");
        }
        for (Violation v : r.violations()) {
            sb.append("\nVIOLATION ").append(v.invariant()).append(": ").append(v.message()).append('\n');
            Invariants.byId(v.invariant()).ifPresent(i -> sb.append("# ").append(i.description()).append('\n'));
            sb.append(v.script().render());
        }
        return sb.toString();
    }

    private static String json(ExplorationReport r) {
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"depth\":").append(r.depth());
        sb.append(",\"depthReached\":").append(r.depthReached());
        sb.append(",\"states\":").append(r.states());
        sb.append(",\"transitions\":").append(r.transitions());
        sb.append(",\"millis\":").append(r.millis());
        sb.append(",\"statesPerSecond\":").append(String.format(Locale.ROOT, "%.1f", r.statesPerSecond()));
        sb.append(",\"invariants\":[");
        for (int i = 0; i < r.invariants().size(); i++) {
            sb.append(i == 0 ? "" : ",").append(dev.snapref.conformance.report.JsonReport.str(r.invariants().get(i)));
        }
        sb.append("],\"violations\":[");
        for (int i = 0; i < r.violations().size(); i++) {
            Violation v = r.violations().get(i);
            sb.append(i == 0 ? "" : ",").append("{\"invariant\":").append(dev.snapref.conformance.report.JsonReport.str(v.invariant()))
                    .append(",\"message\":").append(dev.snapref.conformance.report.JsonReport.str(v.message()))
                    .append(",\"script\":").append(dev.snapref.conformance.report.JsonReport.str(v.script().render())).append('}');
        }
        return sb.append("]}\n").toString();
    }

}
