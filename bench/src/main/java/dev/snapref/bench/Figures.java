package dev.snapref.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/** Turns JMH results into the figures of docs/benchmarks.md, each beside its target. */
final class Figures {
    private final Collection<RunResult> results;

    private Figures(Collection<RunResult> results) {
        this.results = results;
    }

    static List<Figure> from(Collection<RunResult> results, ExceptionTableMemory.Result memory) {
        Figures f = new Figures(results);
        List<Figure> out = new ArrayList<>();
        f.dataPath(out);
        f.handover(out);
        out.add(Figure.atMost("exception table memory at " + memory.exceptions() + " exceptions (JOL)",
                memory.jolBytesPerException(), "B/exception", 24));
        out.add(Figure.info("  same, heap growth after GC", memory.heapBytesPerException(), "B/exception"));
        f.fuzz(out);
        f.explorer(out);
        f.scaling(out);
        return out;
    }

    /**
     * The 4 KiB data-path ratios measured side by side ({@link PairedRatios}): the target rows on
     * wall time, the same on thread CPU time for context, and, also for context, a copy into new
     * arrays against the raw copy and the COW writes against that copy; each with its spread.
     */
    static List<Figure> paired(List<PairedRatios.Ratio> ratios) {
        List<Figure> out = new ArrayList<>();
        for (PairedRatios.Ratio r : ratios) {
            String spread = String.format(java.util.Locale.ROOT, ", median of %d rounds (25-75%%: %.3f-%.3f)",
                    r.rounds(), r.p25(), r.p75());
            if (r.path().equals(PairedRatios.FRESH)) {
                out.add(Figure.info("  a copy into new 4 KiB arrays (what a COW origin write cannot avoid), paired "
                        + "with the raw copy" + spread, r.median(), "x"));
                cowMedian(ratios).ifPresent(c -> out.add(Figure.info("  COW origin writes against that copy into new "
                        + "arrays (ratio of the two medians)", c / r.median(), "x")));
                continue;
            }
            boolean cpu = r.path().endsWith("-cpu");
            boolean cow = r.path().startsWith("cow");
            String name = (cow ? "COW origin writes" : "snapshot reads of exception chunks")
                    + ", 4 KiB chunks, paired with the raw copy" + (cpu ? " (thread CPU time)" : "") + spread;
            out.add(cpu ? Figure.info("  " + name, r.median(), "x")
                    : Figure.atLeast(name, r.median(), "x", cow ? 0.25 : 0.5));
        }
        return out;
    }

    private static Optional<Double> cowMedian(List<PairedRatios.Ratio> ratios) {
        return ratios.stream().filter(r -> r.path().equals(PairedRatios.COW)).map(PairedRatios.Ratio::median)
                .findFirst();
    }

    /** The LVM-sized world's memory ({@link LargeWorldMemory}): whether it fits its heap, and what it holds. */
    static List<Figure> largeWorld(LargeWorldMemory.Result r) {
        double mib = 1024.0 * 1024.0;
        String world = "1 TiB origin, " + r.exceptions() + " exceptions (4 KiB chunks), heap after GC";
        Figure fits = r.fits() ? Figure.atMost(world + " (-Xmx" + Math.round(r.heapMaxBytes() / mib) + "m)",
                r.usedBytes() / mib, "MiB", r.heapMaxBytes() / mib)
                : new Figure(world + " (-Xmx512m)", 512, "MiB", "fits", false);
        return List.of(fits,
                Figure.info("  of which written data (one 4 KiB page an exception)", r.dataBytes() / mib, "MiB"),
                Figure.info("  beyond the data, per exception", Math.max(0.001, r.beyondDataPerException()),
                        "B/exception"));
    }

    private void dataPath(List<Figure> out) {
        for (String chunk : List.of("8", "128")) {
            String kib = (Integer.parseInt(chunk) / 2) + " KiB";
            Optional<Double> raw = score("EngineDataPathBench.rawCopy", "chunkSectors", chunk);
            if (raw.isEmpty()) {
                continue;
            }
            double mib = EngineDataPathBench.BYTES / (1024.0 * 1024.0);
            out.add(Figure.info("raw memory copy, " + kib + " pieces", mib / (raw.get() / 1e6), "MiB/s"));
            path(out, "cowOriginWrite", "COW origin writes", kib, chunk, raw.get(), 0.25, mib);
            path(out, "cowCopyFloor", "COW data moves alone on 4 KiB arrays (floor, no engine)", kib, chunk, raw.get(),
                    0, mib);
            Optional<Double> floor = score("EngineDataPathBench.cowCopyFloor", "chunkSectors", chunk);
            Optional<Double> cow = score("EngineDataPathBench.cowOriginWrite", "chunkSectors", chunk);
            if (floor.isPresent() && cow.isPresent()) {
                out.add(Figure.info("  COW origin writes, share of the floor's speed", floor.get() / cow.get(), "x"));
            }
            path(out, "freshPageCopy", "copy into new arrays (the one copy a COW origin write cannot avoid)", kib,
                    chunk, raw.get(), 0, mib);
            path(out, "cowOriginWriteFreshDisks", "COW origin writes onto new sparse disks", kib, chunk, raw.get(), 0,
                    mib);
            path(out, "snapshotRead", "snapshot reads of exception chunks", kib, chunk, raw.get(), 0.50, mib);
            path(out, "originRead", "origin reads", kib, chunk, raw.get(), 0, mib);
        }
    }

    private void path(List<Figure> out, String method, String what, String kib, String chunk, double rawMicros,
                      double target, double mib) {
        score("EngineDataPathBench." + method, "chunkSectors", chunk).ifPresent(us -> {
            out.add(Figure.info(what + ", " + kib + " chunks", mib / (us / 1e6), "MiB/s"));
            double ratio = rawMicros / us;
            out.add(target > 0 ? Figure.atLeast("  ratio to raw copy", ratio, "x", target)
                    : Figure.info("  ratio to raw copy", ratio, "x"));
        });
    }

    private void handover(List<Figure> out) {
        Optional<Double> small = Optional.empty();
        for (String n : List.of("100", "10000", "1000000")) {
            Optional<Double> us = score("HandoverBench.handover", "exceptions", n);
            if (us.isPresent()) {
                out.add(Figure.info("handover holding " + n + " exceptions", us.get(), "us"));
                if (small.isEmpty()) {
                    small = us;
                } else if (n.equals("1000000")) {
                    out.add(Figure.atMost("  handover 10^6 / 10^2", us.get() / small.get(), "x", 1.5));
                }
            }
        }
    }

    private void fuzz(List<Figure> out) {
        Optional<Double> one = secondary("FuzzThroughputBench.checkedScripts1Thread", "commands");
        Optional<Double> two = secondary("FuzzThroughputBench.checkedScripts2Threads", "commands");
        one.ifPresent(v -> out.add(Figure.atLeast("checked fuzz, 1 thread", v, "commands/s", 100_000)));
        two.ifPresent(v -> out.add(Figure.info("checked fuzz, 2 threads", v, "commands/s")));
        if (one.isPresent() && two.isPresent()) {
            out.add(Figure.info("  2 threads / 1 thread", two.get() / one.get(), "x"));
        }
    }

    private void explorer(List<Figure> out) {
        for (RunResult r : named("ExplorerBench.explore")) {
            Result<?> s = r.getSecondaryResults().get("states");
            if (s != null) {
                out.add(Figure.atLeast("explorer, depth " + r.getParams().getParam("depth") + ", 1 thread",
                        s.getScore(), "states/s", 30_000));
            }
        }
    }

    private void scaling(List<Figure> out) {
        for (String method : List.of("snapshotReadCommand", "originWriteCommand", "originWriteCommandHotSet")) {
            double min = Double.MAX_VALUE;
            double max = 0;
            for (RunResult r : named("ScalingBench." + method)) {
                double ns = r.getPrimaryResult().getScore();
                min = Math.min(min, ns);
                max = Math.max(max, ns);
                long mib = Long.parseLong(r.getParams().getParam("originSectors")) / 2048;
                out.add(Figure.info(method + ", origin " + mib + " MiB, " + r.getParams().getParam("exceptions")
                        + " exceptions", ns, "ns"));
            }
            if (max > 0) {
                out.add(Figure.info("  " + method + " slowest / fastest", max / min, "x"));
            }
        }
    }

    private List<RunResult> named(String suffix) {
        List<RunResult> out = new ArrayList<>();
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().endsWith(suffix)) {
                out.add(r);
            }
        }
        return out;
    }

    private Optional<Double> score(String suffix, String param, String value) {
        return named(suffix).stream().filter(r -> value.equals(r.getParams().getParam(param)))
                .map(r -> r.getPrimaryResult().getScore()).findFirst();
    }

    private Optional<Double> secondary(String suffix, String counter) {
        return named(suffix).stream().map(r -> r.getSecondaryResults().get(counter)).filter(x -> x != null)
                .map(Result::getScore).findFirst();
    }
}
