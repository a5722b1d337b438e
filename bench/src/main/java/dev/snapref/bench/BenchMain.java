package dev.snapref.bench;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark and prints each figure beside its target ({@code docs/benchmarks.md}).
 * Modes: full (default: one fork each, 3 warm-up and 5 measured iterations of 2 s, a fixed 4 GiB
 * heap touched at start-up so that first-touch page faults of the heap, which belong to the machine
 * and not to the code measured, stay out of the figures), {@code --quick}
 * (in-process, 1 warm-up and 2 measured iterations of 0.5 s: tens of seconds, rough figures),
 * {@code --smoke} (in-process, one 50 ms iteration and the smallest parameters: proves every
 * benchmark still builds and runs; its figures mean nothing). Exit 0 even when a target is missed:
 * the figures are data, not a gate. {@code --memory} prints only the memory figures (exception
 * table; the LVM-sized world in a {@code -Xmx512m} JVM).
 */
public final class BenchMain {
    /** How long and how wide a run is. */
    enum Mode { FULL, QUICK, SMOKE }

    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException {
        Mode mode = Mode.FULL;
        for (String a : args) {
            switch (a) {
                case "--quick" -> mode = Mode.QUICK;
                case "--smoke" -> mode = Mode.SMOKE;
                case "--memory" -> {
                    ExceptionTableMemory.Result m = ExceptionTableMemory.measure(1_000_000);
                    System.out.printf(Locale.ROOT, "exception table at %d exceptions: %.2f B/exception (JOL), "
                            + "%.2f B/exception (heap growth after GC)%n", m.exceptions(), m.jolBytesPerException(),
                            m.heapBytesPerException());
                    for (Figure f : Figures.largeWorld(LargeWorldMemory.forked(LARGE_WORLD_EXCEPTIONS))) {
                        System.out.println(f.row());
                    }
                    return;
                }
                default -> {
                    System.err.println("usage: benchmarks.jar [--quick|--smoke|--memory]");
                    System.exit(2);
                }
            }
        }
        run(mode, System.out);
    }

    /** Exceptions of the LVM-sized world whose memory is measured ({@link LargeWorldMemory}). */
    static final int LARGE_WORLD_EXCEPTIONS = 100_000;

    /** Runs the benchmarks in {@code mode} and prints the figures; returns them. */
    public static List<Figure> run(Mode mode, PrintStream out) throws RunnerException {
        List<RunResult> results = new ArrayList<>(new Runner(options(mode).build()).run());
        int entries = mode == Mode.SMOKE ? 10_000 : 1_000_000;
        ExceptionTableMemory.Result memory = ExceptionTableMemory.measure(entries);
        List<Figure> figures = Figures.from(results, memory);
        figures.addAll(Figures.largeWorld(largeWorld(mode)));
        figures.addAll(Figures.paired(mode == Mode.SMOKE ? pairedInProcess() : PairedRatios.forked(300, 1000)));
        print(mode, figures, out);
        return figures;
    }

    private static List<PairedRatios.Ratio> pairedInProcess() {
        try {
            return PairedRatios.measure(2, 5);
        } catch (dev.snapref.engine.kernel.DmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LargeWorldMemory.Result largeWorld(Mode mode) {
        if (mode != Mode.SMOKE) {
            return LargeWorldMemory.forked(LARGE_WORLD_EXCEPTIONS);
        }
        try {
            return LargeWorldMemory.inProcess(1000);
        } catch (dev.snapref.engine.kernel.DmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ChainedOptionsBuilder options(Mode mode) {
        ChainedOptionsBuilder b = new OptionsBuilder().include(BenchMain.class.getPackageName() + "\\..*Bench\\.")
                .shouldFailOnError(true);
        return switch (mode) {
            case FULL -> b.forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(2))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(2))
                    .jvmArgsAppend("-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch");
            case QUICK -> b.forks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(500))
                    .measurementIterations(2).measurementTime(TimeValue.milliseconds(500));
            case SMOKE -> b.forks(0).warmupIterations(0).measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(50))
                    .param("exceptions", "100").param("originSectors", "1048576").param("depth", "2")
                    .param("chunkSectors", "8", "128");
        };
    }

    private static void print(Mode mode, Collection<Figure> figures, PrintStream out) {
        Runtime rt = Runtime.getRuntime();
        out.printf(Locale.ROOT, "%nsnapref benchmarks (%s run), %s, %d cores, JDK %s (%s)%n", mode.name().toLowerCase(
                Locale.ROOT), LocalDate.now(), rt.availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
        out.println();
        out.println("| figure | measured | target | met |");
        out.println("| --- | --- | --- | --- |");
        for (Figure f : figures) {
            out.println(f.row());
        }
    }
}
