package dev.snapref.conformance.kernel;

import dev.snapref.conformance.targets.Target;
import dev.snapref.conformance.targets.TargetOptions;
import dev.snapref.conformance.targets.TargetRun;
import dev.snapref.scenario.Outcome;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.Transcript;
import dev.snapref.scenario.TranscriptStep;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    private static final long BOOT_TIMEOUT_MS = 180_000;

    private final KernelGuest guest;
    private final Path qemu;
    private final long baseTimeoutMs;

    public KernelTarget(KernelGuest guest) {
        this.guest = guest;
        this.qemu = HostTools.qemu();
        String t = System.getenv("SNAPREF_KERNEL_TIMEOUT");
        this.baseTimeoutMs = (t != null && t.matches("\\d+") ? Long.parseLong(t) : 60) * 1000;
    }

    /**
     * The kernel target for the command line's options: {@code --kernel-package NAME}, or
     * {@code --kernel BZIMAGE --modules DIR}, or the default kernel package. Builds the guest on
     * first use.
     *
     * @throws KernelTargetUnavailableException naming what to install when QEMU or a tool is missing
     */
    public static KernelTarget fromOptions(TargetOptions options) {
        return new KernelTarget(KernelGuest.obtain(options.kernelPackage(), options.kernelImage(),
                options.modulesDir()));
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
     * scripts are split into up to {@link #jobs()} contiguous groups that run in parallel
     * guests; results come back in script order.
     */
    public List<KernelScriptResult> runAllDetailed(List<Script> scripts) {
        for (Script s : scripts) {
            checkDisks(s);
        }
        int groups = Math.max(1, Math.min(jobs(), scripts.size() / 4));
        if (groups == 1) {
            return runSequentially(scripts);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(groups);
        try {
            List<java.util.concurrent.Future<List<KernelScriptResult>>> parts = new ArrayList<>();
            int per = (scripts.size() + groups - 1) / groups;
            for (int from = 0; from < scripts.size(); from += per) {
                List<Script> part = scripts.subList(from, Math.min(scripts.size(), from + per));
                parts.add(pool.submit(() -> runSequentially(part)));
            }
            List<KernelScriptResult> out = new ArrayList<>();
            for (var f : parts) {
                out.addAll(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelRunException("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
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
            List<KernelScriptResult> batch = runBatch(scripts.subList(next, end));
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
                throw new IllegalArgumentException(s.name() + ": disk " + d.name() + " has " + d.sectors()
                        + " sectors; the kernel target keeps disks of at most 1 GiB");
            }
        }
    }

    /** Runs scripts in one boot; returns results for the finished prefix (plus a hung script). */
    private List<KernelScriptResult> runBatch(List<Script> scripts) {
        Path work = null;
        try {
            work = Files.createTempDirectory("snapref-kernel-");
            GuestPlan plan = GuestPlan.of(scripts);
            List<QemuBoot.Drive> drives = new ArrayList<>();
            Path ctl = work.resolve("ctl.img");
            Files.write(ctl, plan.controlDisk());
            drives.add(new QemuBoot.Drive("ctl", ctl));
            Path res = work.resolve("res.img");
            sparse(res, plan.resultDiskBytes());
            drives.add(new QemuBoot.Drive("res", res));
            Map<String, Path> images = new LinkedHashMap<>();
            for (GuestPlan.Disk d : plan.disks()) {
                Path img = work.resolve(d.serial() + ".img");
                sparse(img, d.sectors() * 512);
                images.put(d.serial(), img);
                drives.add(new QemuBoot.Drive(d.serial(), img));
            }
            GuestLog log = new GuestLog();
            String problem = null;
            try (QemuBoot boot = QemuBoot.start(qemu, guest, drives, work)) {
                problem = drive(boot, log, plan);
                if (problem == null) {
                    boot.waitFor(30_000);
                } else if (!log.ready()) {
                    throw new KernelRunException("the guest did not boot: " + problem + "\nqemu: " + boot.stderr()
                            + "\nconsole:\n" + String.join("\n", log.tail()));
                }
            }
            return collect(plan, log, res, images, problem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelRunException("interrupted");
        } finally {
            KernelGuest.deleteTree(work);
        }
    }

    /** Feeds the console to the log until the guest is done; returns why it stopped early, or null. */
    private String drive(QemuBoot boot, GuestLog log, GuestPlan plan) throws InterruptedException {
        String consoleFile = System.getenv("SNAPREF_KERNEL_CONSOLE");
        java.io.PrintWriter console = null;
        if (consoleFile != null && !consoleFile.isBlank()) {
            try {
                console = new java.io.PrintWriter(Files.newBufferedWriter(Path.of(consoleFile),
                        java.nio.charset.StandardCharsets.ISO_8859_1, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            return driveLines(boot, log, plan, console);
        } finally {
            if (console != null) {
                console.close();
            }
        }
    }

    private String driveLines(QemuBoot boot, GuestLog log, GuestPlan plan, java.io.PrintWriter console)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + BOOT_TIMEOUT_MS;
        int script = -1;
        while (true) {
            String line = boot.next(deadline - System.currentTimeMillis());
            if (line == null) {
                return script < 0 ? "no answer from the guest within " + BOOT_TIMEOUT_MS / 1000 + " s"
                        : "script did not finish within " + timeoutMs(plan, script) / 1000 + " s";
            }
            if (line.equals(QemuBoot.EOF)) {
                return log.done() ? null : "QEMU exited before the guest was done";
            }
            log.accept(line);
            if (console != null) {
                console.println(line);
            }
            if (log.currentScript() != script) {
                script = log.currentScript();
                deadline = System.currentTimeMillis() + timeoutMs(plan, script);
            }
            if (log.done()) {
                return null;
            }
        }
    }

    private long timeoutMs(GuestPlan plan, int script) {
        return baseTimeoutMs + 3000L * plan.steps(script).size();
    }

    private List<KernelScriptResult> collect(GuestPlan plan, GuestLog log, Path res, Map<String, Path> images,
                                             String problem) throws IOException {
        List<KernelScriptResult> out = new ArrayList<>();
        for (int i = 0; i < plan.scripts().size(); i++) {
            boolean finished = log.finished(i);
            boolean running = !finished && log.currentScript() == i;
            if (!finished && !running) {
                break;
            }
            Map<String, GuestLog.GuestDisk> disks = new LinkedHashMap<>();
            Map<String, byte[]> bytes = new LinkedHashMap<>();
            for (GuestPlan.Disk d : plan.disksOf(i).values()) {
                GuestLog.GuestDisk g = log.disksBySerial().get(d.serial());
                if (g == null) {
                    throw new KernelRunException("the guest did not see disk " + d.serial() + " (" + d.name() + ")");
                }
                disks.put(d.name(), g);
                bytes.put(d.name(), Files.readAllBytes(images.get(d.serial())));
            }
            List<TranscriptStep> steps = new ArrayList<>();
            String cut = null;
            for (GuestPlan.Step st : plan.steps(i)) {
                RawCommand raw = log.command(i, st.command());
                if (raw == null) {
                    break;
                }
                if (!raw.ended()) {
                    steps.add(new TranscriptStep(st.cmd().echo(), List.of(), List.of(), Outcome.BLOCKED));
                    cut = "command " + (st.command() + 1) + " (" + st.cmd().echo() + ") did not finish: "
                            + (problem == null ? "the guest stopped" : problem) + "; transcript cut there";
                    break;
                }
                DeviceNames names = GuestTranscriber.names(disks, raw);
                long off = st.resultOffset();
                steps.add(GuestTranscriber.step(st.cmd(), raw, names, n -> readAt(res, off, n)));
            }
            if (cut == null && !finished) {
                cut = "the guest stopped after " + steps.size() + " commands: " + problem;
            }
            out.add(new KernelScriptResult(plan.scripts().get(i).name(), new TargetRun(new Transcript(steps), bytes),
                    Optional.ofNullable(cut)));
            if (!finished) {
                break;
            }
        }
        return out;
    }

    private static byte[] readAt(Path file, long offset, long length) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            byte[] b = new byte[Math.toIntExact(length)];
            f.seek(offset);
            f.readFully(b);
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sparse(Path file, long bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(bytes);
        }
    }
}
