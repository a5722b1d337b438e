package dev.snapref.bench;

import dev.snapref.engine.kernel.DmException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The 4 KiB data-path ratios measured side by side: each round times a raw copy pass, a COW origin
 * write pass, a raw copy pass, a snapshot read pass and a raw copy pass over the same
 * {@value EngineDataPathBench#BYTES} bytes as {@link EngineDataPathBench} (same worlds, same calls),
 * and each path's ratio is the mean of the raw passes on either side of it divided by the path's
 * time. For context, rounds of their own after those time a fresh-page copy
 * ({@link EngineDataPathBench#freshPageCopy}) between two raw copies the same way. Rounds are microseconds apart, so a change of the machine's load moves both sides of a
 * ratio together; the spread of the per-round ratios (25th to 75th percentile) is the noise. The
 * same ratios are also given on the thread's CPU time ({@code -cpu}), which leaves out the time the
 * thread was descheduled on a loaded machine (it still includes what other processes do to the
 * caches).
 *
 * <p>Runs in a JVM of its own with the same heap settings as the full JMH run ({@code -Xms4g
 * -Xmx4g -XX:+AlwaysPreTouch}), after warm-up rounds; {@code main} prints one line per path.
 * Limits: wall-clock ({@link System#nanoTime}) per pass; one fork.
 */
final class PairedRatios {
    /** A path's ratios over the measured rounds. */
    record Ratio(String path, int rounds, double median, double p25, double p75) {
        String line() {
            return String.format(Locale.ROOT, "ratio %s %d %.4f %.4f %.4f", path, rounds, median, p25, p75);
        }

        static Ratio parse(String line) {
            String[] w = line.split(" ");
            return new Ratio(w[1], Integer.parseInt(w[2]), Double.parseDouble(w[3]), Double.parseDouble(w[4]),
                    Double.parseDouble(w[5]));
        }
    }

    /** The paths' names in the output lines. */
    static final String COW = "cowOriginWrite";
    static final String READ = "snapshotRead";
    static final String FRESH = "freshPageCopy";

    private PairedRatios() {
    }

    /** Entry point of the measuring JVM: {@code WARMUP ROUNDS}. */
    public static void main(String[] args) throws DmException {
        for (Ratio r : measure(Integer.parseInt(args[0]), Integer.parseInt(args[1]))) {
            System.out.println(r.line());
        }
    }

    /** The ratios in a forked JVM (see the class comment). */
    static List<Ratio> forked(int warmup, int rounds) {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = List.of(java, "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "-cp",
                System.getProperty("java.class.path"), PairedRatios.class.getName(), String.valueOf(warmup),
                String.valueOf(rounds));
        List<Ratio> out = new ArrayList<>();
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("ratio ")) {
                        out.add(Ratio.parse(line));
                    }
                }
            }
            if (p.waitFor() != 0) {
                throw new IllegalStateException("the measuring JVM failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the measuring JVM: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return out;
    }

    /** The ratios measured in this JVM: {@code warmup} rounds, then {@code rounds} measured. */
    static List<Ratio> measure(int warmup, int rounds) throws DmException {
        EngineDataPathBench b = new EngineDataPathBench();
        b.chunkSectors = 8;
        b.setUp();
        EngineDataPathBench.Resnapshotted w = new EngineDataPathBench.Resnapshotted();
        w.setUpTrial(b);
        double[][] cow = new double[2][rounds];
        double[][] read = new double[2][rounds];
        long[] t = new long[2];
        for (int i = -warmup; i < rounds; i++) {
            w.setUp(b);
            long[] r0 = timeRaw(b);
            start(t);
            b.cowOriginWrite(w);
            long[] c = stop(t);
            long[] r1 = timeRaw(b);
            start(t);
            b.snapshotRead();
            long[] s = stop(t);
            long[] r2 = timeRaw(b);
            for (int k = 0; i >= 0 && k < 2; k++) {
                cow[k][i] = (r0[k] + r1[k]) / 2.0 / c[k];
                read[k][i] = (r1[k] + r2[k]) / 2.0 / s[k];
            }
        }
        return List.of(summary(COW, cow[0]), summary(READ, read[0]), summary(COW + "-cpu", cow[1]),
                summary(READ + "-cpu", read[1]), summary(FRESH, freshPageCopy(b, warmup, rounds)));
    }

    /**
     * The fresh-page copy's ratios, in rounds of their own after the paired ones (raw copy, fresh
     * copy, raw copy), so that its 8 MiB of new arrays a round leave the target rounds as they were.
     */
    private static double[] freshPageCopy(EngineDataPathBench b, int warmup, int rounds) {
        EngineDataPathBench.KeptPages kept = new EngineDataPathBench.KeptPages();
        kept.setUp(b);
        double[] out = new double[rounds];
        long[] t = new long[2];
        for (int i = -warmup; i < rounds; i++) {
            long[] r0 = timeRaw(b);
            start(t);
            b.freshPageCopy(kept);
            long[] f = stop(t);
            long[] r1 = timeRaw(b);
            if (i >= 0) {
                out[i] = (r0[0] + r1[0]) / 2.0 / f[0];
            }
        }
        return out;
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private static void start(long[] t) {
        t[0] = System.nanoTime();
        t[1] = THREADS.getCurrentThreadCpuTime();
    }

    /** Wall and thread CPU nanoseconds since {@link #start}. */
    private static long[] stop(long[] t) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        return new long[] {System.nanoTime() - t[0], Math.max(1, cpu - t[1])};
    }

    private static long[] timeRaw(EngineDataPathBench b) {
        long[] t = new long[2];
        start(t);
        b.rawCopy();
        return stop(t);
    }

    private static Ratio summary(String path, double[] ratios) {
        double[] s = ratios.clone();
        Arrays.sort(s);
        return new Ratio(path, s.length, s[s.length / 2], s[s.length / 4], s[s.length * 3 / 4]);
    }
}
