package dev.snapref.cli;

import dev.snapref.model.Invariants;
import dev.snapref.model.explore.ExplorationProgress;
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
 * {@code snapref explore [--config NAME | --stacks] [--depth N] [--workers N] [--quiet] [--json]}: breadth-first
 * search of the model's reachable states in a named configuration, every invariant checked on every
 * state, with a visited set of 64-bit fingerprints and parallel workers ({@link Explorer}). Exit 1
 * when a violation is found (each printed as the shortest script reaching it).
 */
@Command(name = "explore", mixinStandardHelpOptions = true,
        description = {"Exhaustively explore the model's states breadth first and check every invariant on every",
            "state; a violation is printed as the shortest script reaching it (exit 1). The visited set",
            "holds 64-bit state fingerprints (TLC-style: 35-45 bytes a state with the search tree, no full",
            "state kept), levels are expanded by parallel workers, and the run stops when a level finds no",
            "new state.",
            "",
            "Configurations (--config):",
            "  default   origin 32 sectors, cow 40, up to three snapshot devices, chunk sizes 8 and 16,",
            "            P and N: handover, pairing, suspend orders. Depth 8: 348617 states.",
            "  lvm       the default alphabet on a 1 TiB origin written at its end and a 1 GiB cow,",
            "            two snapshot devices.",
            "  rollover  one-sector chunks (32 exceptions a metadata area), a 43-sector cow, a",
            "            32-sector write: metadata area roll-over, a full cow and overflow of P and PO",
            "            stores (PO: Overflow; P and origin writes: invalid), every order of writes,",
            "            suspends, removes and re-creations. Explored to its end with --depth 30: no new",
            "            state after depth 25 (253472 states). Without merges: with them the states",
            "            grow past 7 million by depth 25 (see ExplorerConfig.rollover).",
            "  stacks    LVM's world: origin and cow as linear devices on one disk, snapshot-origin",
            "            and two snapshots on them, lvchange-style reloads and snapshot-merge into the",
            "            origin's device (also --stacks). Depth 8: 40867 states.",
            ""})
public final class ExploreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--depth", defaultValue = "8", paramLabel = "N", converter = NumericOptions.Depth.class,
            description = "Commands after the disk declarations (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--config", defaultValue = "default", paramLabel = "NAME",
            description = "default, lvm, rollover or stacks (see above; default: ${DEFAULT-VALUE}).")
    String config;

    @Option(names = "--workers", paramLabel = "N", converter = NumericOptions.PositiveInt.class,
            description = "Parallel workers (default: the number of processors). The result does not depend on it.")
    Integer workers;

    @Option(names = "--quiet", description = "No progress bar on standard error.")
    boolean quiet;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--stacks", description = "Same as --config stacks: LVM's world: the origin and a cow as linear devices "
            + "on one disk, snapshot-origin and snapshots on them, merges (snapshot-merge into the origin's device).")
    boolean stacks;

    @Override
    public Integer call() {
        String name = stacks ? "stacks" : config;
        ExplorerConfig c = ExplorerConfig.named(name).orElseThrow(() -> new UsageException(
                "--config: no configuration '" + config + "' (known: " + String.join(", ",
                        ExplorerConfig.all().stream().map(ExplorerConfig::name).toList()) + ")"));
        int n = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        ExploreProgressBar bar = quiet ? null : new ExploreProgressBar(System.err);
        ExplorationReport r = new Explorer(c, n, bar == null ? ExplorationProgress.NONE : bar).explore(depth);
        if (bar != null) {
            bar.finish();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? json(r) : text(r));
        out.flush();
        return r.violations().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }

    private static String text(ExplorationReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("configuration:    ").append(r.config()).append('\n');
        sb.append("depth bound:      ").append(r.depth()).append('\n');
        sb.append("depth reached:    ").append(r.depthReached())
                .append(r.depthReached() < r.depth() ? " (no new state after it: every reachable state explored)" : "")
                .append('\n');
        sb.append("distinct states:  ").append(r.states()).append('\n');
        sb.append("transitions:      ").append(r.transitions()).append('\n');
        sb.append("time:             ").append(String.format(Locale.ROOT, "%.1f s", r.millis() / 1000.0)).append('\n');
        sb.append("states/s:         ").append(String.format(Locale.ROOT, "%.0f", r.statesPerSecond())).append('\n');
        sb.append("memory:           ").append(String.format(Locale.ROOT, "%.1f bytes a state (visited set and search tree,"
                + " %d MiB)", r.bytesPerState(), r.visitedBytes() >> 20)).append('\n');
        sb.append("workers:          ").append(r.workers()).append('\n');
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
        sb.append("\"config\":").append(dev.snapref.conformance.report.JsonReport.str(r.config()));
        sb.append(",\"depth\":").append(r.depth());
        sb.append(",\"depthReached\":").append(r.depthReached());
        sb.append(",\"states\":").append(r.states());
        sb.append(",\"transitions\":").append(r.transitions());
        sb.append(",\"millis\":").append(r.millis());
        sb.append(",\"statesPerSecond\":").append(String.format(Locale.ROOT, "%.1f", r.statesPerSecond()));
        sb.append(",\"bytesPerState\":").append(String.format(Locale.ROOT, "%.1f", r.bytesPerState()));
        sb.append(",\"workers\":").append(r.workers());
        sb.append(",\"complete\":").append(r.depthReached() < r.depth());
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
