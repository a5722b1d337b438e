package dev.snapref.bench;

import dev.snapref.engine.DeviceMapper;
import dev.snapref.engine.kernel.DmException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The memory of an LVM-sized engine world: a 1 TiB origin (2^31 sectors) and a 4 GiB persistent
 * cow with chunk size 8 (4 KiB, LVM's smallest), holding {@code n} exceptions made by one 4 KiB
 * origin write each at distinct chunks scattered over the whole origin. Measured in a JVM of its
 * own started with {@code -Xmx512m} (the figure is whether the world fits there, and what it takes
 * after full collections), or in-process for the smoke run.
 *
 * <p>What the world must hold: every write is data (n origin pages of 4 KiB; the copies to the cow
 * are of holes, which allocate nothing), n exception table entries, and the cow's metadata areas.
 * The figure "beyond the data, per exception" is the heap after GC, less n pages of 4 KiB, divided
 * by n: what the engine's structures cost on a device of this size. Limits: one fork, one
 * measurement; heap growth includes the JVM's own small objects.
 */
final class LargeWorldMemory {
    static final long ORIGIN_SECTORS = 1L << 31;
    static final long COW_SECTORS = 1L << 23;
    static final long CHUNK = 8;
    static final int PAGE_BYTES = 4096;

    /** What one measurement gave. */
    record Result(long exceptions, long heapMaxBytes, long usedBytes, boolean fits) {
        /** The written data: one 4 KiB page per exception. */
        long dataBytes() {
            return exceptions * PAGE_BYTES;
        }

        double beyondDataPerException() {
            return (double) (usedBytes - dataBytes()) / exceptions;
        }
    }

    private LargeWorldMemory() {
    }

    /** Entry point of the forked JVM: builds the world of {@code args[0]} exceptions and prints its used heap. */
    public static void main(String[] args) throws DmException {
        int n = Integer.parseInt(args[0]);
        DeviceMapper dm = build(n);
        long used = HeapUse.usedAfterGc();
        System.out.println("used " + used + " max " + Runtime.getRuntime().maxMemory() + " "
                + dm.status("snap", false).orElse(""));
    }

    /** The figure in a forked JVM with {@code -Xmx512m}: an out-of-memory there is "does not fit". */
    static Result forked(int n) {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                LargeWorldMemory.class.getName(), String.valueOf(n)));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String line;
            String last = "";
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                while ((line = r.readLine()) != null) {
                    last = line.startsWith("used ") ? line : last;
                }
            }
            int rc = p.waitFor();
            if (rc != 0 || last.isEmpty()) {
                return new Result(n, 512L << 20, 512L << 20, false);
            }
            String[] w = last.split(" ");
            return new Result(n, Long.parseLong(w[3]), Long.parseLong(w[1]), true);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the measuring JVM: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The figure measured in this JVM (smoke runs: small {@code n}). */
    static Result inProcess(int n) throws DmException {
        long before = HeapUse.usedAfterGc();
        DeviceMapper dm = build(n);
        long used = HeapUse.usedAfterGc() - before;
        if (dm.inspect().isEmpty()) {
            throw new IllegalStateException("world lost");
        }
        return new Result(n, Runtime.getRuntime().maxMemory(), used, true);
    }

    static DeviceMapper build(int n) throws DmException {
        DeviceMapper dm = new DeviceMapper();
        dm.addDisk("origin", ORIGIN_SECTORS);
        dm.addDisk("cow", COW_SECTORS);
        dm.create("origin", "0 " + ORIGIN_SECTORS + " snapshot-origin /dev/disk/origin");
        dm.create("snap", Worlds.snapshotTable(ORIGIN_SECTORS, CHUNK));
        byte[] data = new byte[PAGE_BYTES];
        java.util.Arrays.fill(data, (byte) 0x5a);
        SplittableRandom rnd = new SplittableRandom(16);
        long chunks = ORIGIN_SECTORS / CHUNK;
        long stride = chunks / n;
        for (int i = 0; i < n; i++) {
            long chunk = i * stride + rnd.nextLong(stride); // distinct, scattered over the whole origin
            dm.write(Worlds.ORIGIN, chunk * CHUNK, data);
        }
        return dm;
    }
}
