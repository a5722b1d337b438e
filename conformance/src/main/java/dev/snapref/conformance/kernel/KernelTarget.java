package dev.snapref.conformance.kernel;

import dev.snapref.engine.block.SparseImage;
import dev.snapref.conformance.targets.Target;
import dev.snapref.conformance.targets.TargetOptions;
import dev.snapref.conformance.targets.TargetRun;
import dev.snapref.scenario.Script;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The {@code kernel} target: runs scripts on a real Linux kernel in a QEMU guest through real
 * {@code dmsetup} and O_DIRECT {@code dd}, and prints the canonical transcript.
 *
 * <p>Guarantees: each script runs on fresh zero-filled virtio disks of the declared sizes and
 * with no mapped devices left from an earlier script; the disks' final bytes are returned.
 * Many scripts share one boot ({@link #runAll}), and up to {@link #jobs()} guests run at once; a script whose command does not finish within
 * the per-script timeout (default 60 s plus 3 s per command, {@code SNAPREF_KERNEL_TIMEOUT}
 * seconds overrides the base) has QEMU killed, is cut after that command (printed
 * {@code -> blocked}), is reported on stderr and in {@link KernelScriptResult#problem()}, and
 * the scripts after it run in a new boot. {@code SNAPREF_KERNEL_CONSOLE=FILE} appends the raw
 * guest console to FILE (for diagnosis).
 *
 * <p>Limits: a disk may hold at most 1 GiB (its image is returned in memory); one boot holds at
 * most {@value #DISKS_PER_BOOT} script disks. I/O starting inside a suspended mapped device, or one
 * stacked on a suspended device (sysfs {@code slaves}, recursively), is not issued
 * ({@code -> blocked}); a create or resume that leaves a {@code snapshot-merge} table live returns
 * once its status shows the merge done (the scenario format's merge rule, ETIMEDOUT after 60 s); I/O starting at its end or past it is, as the block layer
 * answers it at once without blocking. I/O starting past the end of a device is not issued
 * but answered as the block layer does (a read returns nothing, a write ENOSPC), because
 * busybox dd cannot seek there.
 */
public final class KernelTarget implements Target {
    /** Script disks per boot: boot time grows with the number of virtio devices. */
    public static final int DISKS_PER_BOOT = 64;
    private static final long MAX_DISK_BYTES = 1L << 30;

    private final KernelGuest guest;
    private final GuestBoot boot;
    private volatile GuestLog bootFacts;

    public KernelTarget(KernelGuest guest) {
        this.guest = guest;
        String t = System.getenv("SNAPREF_KERNEL_TIMEOUT");
        long baseTimeoutMs = (t != null && t.matches("\\d+") ? Long.parseLong(t) : 60) * 1000;
        this.boot = new GuestBoot(guest, HostTools.qemu(), baseTimeoutMs, this::booted);
    }

    private synchronized void booted(GuestLog log) {
        if (bootFacts == null) {
            bootFacts = log;
            guest.recordBoot(log.kernelRelease().orElse("?"), log.targets());
        }
    }

    /**
     * The kernel target for the command line's options: {@code --kernel} (a Debian kernel package
     * or a local build folder, {@link KernelSource#parse}), else the default kernel (Linux 6.1).
     * Fetches the kernel and builds the guest on first use.
     *
     * @throws KernelTargetUnavailableException naming what to install or do when QEMU or a tool
     *                                          is missing or the kernel cannot be fetched
     */
    public static KernelTarget fromOptions(TargetOptions options) {
        return new KernelTarget(KernelGuest.obtain(KernelSource.parse(options.kernel().orElse(null))));
    }

    /** The guest this target boots (its kernel). */
    public KernelGuest guest() {
        return guest;
    }

    @Override
    public String name() {
        return "kernel";
    }

    @Override
    public TargetRun run(Script script) {
        return runAll(List.of(script)).get(0);
    }

    @Override
    public List<TargetRun> runAll(List<Script> scripts) {
        List<TargetRun> out = new ArrayList<>();
        for (KernelScriptResult r : runAllDetailed(scripts)) {
            r.problem().ifPresent(p -> System.err.println("snapref: kernel: " + r.script() + ": " + p));
            out.add(r.run());
        }
        return out;
    }

    /**
     * Runs every script, several per boot, and says for each whether it ran to its end. The
     * scripts are dealt into up to {@link #jobs()} groups of about equal work
     * ({@link ScriptGroups}) that run in parallel guests; results come back in script order.
     */
    public List<KernelScriptResult> runAllDetailed(List<Script> scripts) {
        for (Script s : scripts) {
            checkDisks(s);
        }
        int groups = Math.max(1, Math.min(jobs(), scripts.size() / 4));
        if (groups == 1) {
            return runSequentially(scripts);
        }
        List<List<Integer>> parts = ScriptGroups.deal(scripts, groups);
        ExecutorService pool = Executors.newFixedThreadPool(parts.size());
        try {
            List<Future<List<KernelScriptResult>>> futures = new ArrayList<>();
            for (List<Integer> part : parts) {
                List<Script> mine = part.stream().map(scripts::get).toList();
                futures.add(pool.submit(() -> runSequentially(mine)));
            }
            KernelScriptResult[] out = new KernelScriptResult[scripts.size()];
            for (int g = 0; g < parts.size(); g++) {
                List<KernelScriptResult> got = futures.get(g).get();
                assert got.size() == parts.get(g).size() : "one result per script";
                for (int k = 0; k < got.size(); k++) {
                    out[parts.get(g).get(k)] = got.get(k);
                }
            }
            return Arrays.asList(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelRunException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new KernelRunException("a kernel run failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * How many guests run at once: {@code SNAPREF_KERNEL_JOBS}, else the number of processors
     * (at most 4). Each guest is one TCG thread.
     */
    public static int jobs() {
        String j = System.getenv("SNAPREF_KERNEL_JOBS");
        if (j != null && j.matches("[1-9][0-9]?")) {
            return Integer.parseInt(j);
        }
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    private List<KernelScriptResult> runSequentially(List<Script> scripts) {
        List<KernelScriptResult> results = new ArrayList<>();
        int next = 0;
        int failedBoots = 0;
        while (next < scripts.size()) {
            int end = next;
            int disks = 0;
            while (end < scripts.size() && (end == next || disks + GuestPlan.diskCount(scripts.get(end))
                    <= DISKS_PER_BOOT)) {
                disks += GuestPlan.diskCount(scripts.get(end));
                end++;
            }
            List<KernelScriptResult> batch = runBatchRetryingBoot(scripts.subList(next, end));
            if (batch.isEmpty()) {
                if (++failedBoots >= 2) {
                    throw new KernelRunException("the guest made no progress twice in a row at script "
                            + scripts.get(next).name());
                }
                continue;
            }
            failedBoots = 0;
            results.addAll(batch);
            next += batch.size();
        }
        return results;
    }

    private static void checkDisks(Script s) {
        for (var c : s.commands()) {
            if (c instanceof dev.snapref.scenario.DiskCommand d && d.sectors() * 512 > MAX_DISK_BYTES) {
                throw new dev.snapref.conformance.targets.OutOfScope("kernel", s.name() + ": disk " + d.name()
                        + " has " + d.sectors() + " sectors; the kernel target keeps disks of at most 1 GiB", null);
            }
        }
    }

    /**
     * {@link GuestBoot#run}, booting once more when the guest did not come up: under TCG on a loaded
     * host an early-boot check can fail by chance. A second failure is the kernel's.
     */
    private List<KernelScriptResult> runBatchRetryingBoot(List<Script> scripts) {
        try {
            return boot.run(scripts);
        } catch (KernelTargetUnavailableException e) {
            if (!e.getMessage().contains(" did not boot: ")) {
                throw e;
            }
            System.err.println("snapref: kernel: the guest did not boot; booting once more");
            return boot.run(scripts);
        }
    }

    /** What the first boot reported: kernel release and dm target versions, if a boot happened. */
    public java.util.Optional<String> release() {
        GuestLog b = bootFacts;
        return b == null ? java.util.Optional.empty() : b.kernelRelease();
    }

    /** The dm targets and versions the first boot reported (empty before any boot). */
    public Map<String, String> targetVersions() {
        GuestLog b = bootFacts;
        return b == null ? Map.of() : Map.copyOf(b.targets());
    }
}
