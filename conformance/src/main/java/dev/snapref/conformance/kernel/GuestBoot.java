package dev.snapref.conformance.kernel;

import dev.snapref.conformance.targets.TargetRun;
import dev.snapref.engine.block.SparseImage;
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
import java.util.function.Consumer;

/**
 * One boot of the guest running a batch of scripts: fresh sparse disk images, the control disk
 * with the program ({@link GuestPlan}), QEMU driven until the guest powers off or a script times
 * out, and the console turned into results ({@link GuestLog}, {@link GuestTranscriber}).
 *
 * <p>Guarantees: results for the scripts that ran to their end, in order, plus the one that hung
 * (cut after the command that did not finish, printed {@code -> blocked}); the work folder is
 * removed. A guest that never came up is a {@link KernelTargetUnavailableException}; a kernel
 * without device-mapper or dm-snapshot too.
 */
final class GuestBoot {
    private static final long BOOT_TIMEOUT_MS = 180_000;

    private final KernelGuest guest;
    private final Path qemu;
    private final long baseTimeoutMs;
    private final Consumer<GuestLog> booted;

    /** {@code booted} hears of every guest that came up (release, dm targets). */
    GuestBoot(KernelGuest guest, Path qemu, long baseTimeoutMs, Consumer<GuestLog> booted) {
        this.guest = guest;
        this.qemu = qemu;
        this.baseTimeoutMs = baseTimeoutMs;
        this.booted = booted;
    }

    /** Records the boot's facts; a kernel without device-mapper or dm-snapshot cannot run any script. */
    private void checkBooted(GuestLog log) {
        if (log.noDeviceMapper()) {
            throw new KernelTargetUnavailableException("kernel " + guest.description() + " has no device-mapper: "
                    + "build it with CONFIG_BLK_DEV_DM and CONFIG_DM_SNAPSHOT (=y, or =m with the modules in the folder)");
        }
        if (log.ready() && !log.targets().containsKey("snapshot")) {
            throw new KernelTargetUnavailableException("kernel " + guest.description() + " offers no snapshot "
                    + "target (targets: " + String.join(", ", log.targets().keySet()) + "): build it with "
                    + "CONFIG_DM_SNAPSHOT, and put dm-snapshot.ko in the folder when it is a module");
        }
        if (log.ready()) {
            booted.accept(log);
        }
    }

    /** Runs scripts in one boot; returns results for the finished prefix (plus a hung script). */
    List<KernelScriptResult> run(List<Script> scripts) {
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
                    throw new KernelTargetUnavailableException("the guest of kernel " + guest.description()
                            + " did not boot: " + problem + "\nqemu: " + boot.stderr() + "\nconsole:\n"
                            + String.join("\n", log.tail()));
                }
            }
            checkBooted(log);
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
            Map<String, SparseImage> bytes = new LinkedHashMap<>();
            for (GuestPlan.Disk d : plan.disksOf(i).values()) {
                GuestLog.GuestDisk g = log.disksBySerial().get(d.serial());
                if (g == null) {
                    throw new KernelRunException("the guest did not see disk " + d.serial() + " (" + d.name() + ")");
                }
                disks.put(d.name(), g);
                bytes.put(d.name(), SparseImage.read(images.get(d.serial())));
            }
            List<TranscriptStep> steps = new ArrayList<>();
            Map<String, RawCommand.MappedDevice> seen = new LinkedHashMap<>();
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
                String created = st.cmd() instanceof dev.snapref.scenario.CreateCommand c ? c.name()
                        : st.cmd() instanceof dev.snapref.scenario.CreateNoTableCommand n ? n.name() : null;
                DeviceNames names = GuestTranscriber.names(disks, raw, seen, created, log.dmMajor());
                seen.putAll(raw.mapped());
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
