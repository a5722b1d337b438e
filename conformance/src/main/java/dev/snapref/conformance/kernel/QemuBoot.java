package dev.snapref.conformance.kernel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One running QEMU guest: TCG (KVM when {@code /dev/kvm} is usable), one CPU, 512 MiB, no
 * default devices, the console on the serial port read line by line, and one virtio-blk disk
 * per drive, each with its serial. Disks are raw files with {@code cache=unsafe} (the guest
 * still sees a write cache and flushes; only the host skips fsync).
 */
public final class QemuBoot implements AutoCloseable {
    /** A drive: its virtio serial (at most 20 characters) and raw image file. */
    public record Drive(String serial, Path file) {
    }

    /** Marks the end of the console stream. */
    static final String EOF = "\u0000EOF";
    /** Most virtio disks on one boot (8 functions on each of 29 PCI slots). */
    public static final int MAX_DRIVES = 29 * 8;

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path stderrFile;

    private QemuBoot(Process process, Path stderrFile) {
        this.process = process;
        this.stderrFile = stderrFile;
        Thread reader = new Thread(this::pump, "qemu-console");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts QEMU; {@code disks} is the value of {@code snapref.disks=} the guest waits for. */
    public static QemuBoot start(Path qemu, KernelGuest guest, List<Drive> drives, Path workDir) {
        if (drives.size() > MAX_DRIVES) {
            throw new IllegalArgumentException("at most " + MAX_DRIVES + " disks per boot, got " + drives.size());
        }
        List<String> cmd = new ArrayList<>(List.of(qemu.toString()));
        // SNAPREF_KERNEL_ACCEL=tcg forces TCG where /dev/kvm exists but does not run guests (nested hosts)
        boolean kvm = !"tcg".equals(System.getenv("SNAPREF_KERNEL_ACCEL"))
                && Files.isReadable(Path.of("/dev/kvm")) && Files.isWritable(Path.of("/dev/kvm"));
        cmd.addAll(List.of("-accel", kvm ? "kvm" : "tcg", "-smp", "1", "-m", "512", "-nodefaults", "-no-reboot",
                "-display", "none", "-serial", "stdio",
                "-kernel", guest.kernel().toString(), "-initrd", guest.initrd().toString(),
                "-append", "console=ttyS0 quiet loglevel=1 panic=-1 snapref.disks=" + drives.size()));
        for (int i = 0; i < drives.size(); i++) {
            Drive d = drives.get(i);
            int slot = 2 + i / 8;
            int fn = i % 8;
            cmd.addAll(List.of("-drive", "file=" + d.file().toString().replace(",", ",,")
                    + ",format=raw,if=none,cache=unsafe,id=drv" + i,
                    "-device", "virtio-blk-pci,drive=drv" + i + ",serial=" + d.serial()
                            + String.format(",addr=0x%x.%x", slot, fn) + (fn == 0 ? ",multifunction=on" : "")));
        }
        Path err = workDir.resolve("qemu.stderr");
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectError(err.toFile())
                    .start();
            return new QemuBoot(p, err);
        } catch (IOException e) {
            throw new KernelTargetUnavailableException("cannot start " + qemu + ": " + e.getMessage());
        }
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.ISO_8859_1))) {
            String l;
            while ((l = r.readLine()) != null) {
                lines.add(l);
            }
        } catch (IOException ignored) {
            // the process went away; EOF follows
        } finally {
            lines.add(EOF);
        }
    }

    /** The next console line, {@link #EOF} at the end, or null when none came within the timeout. */
    public String next(long timeoutMillis) throws InterruptedException {
        return lines.poll(Math.max(1, timeoutMillis), TimeUnit.MILLISECONDS);
    }

    /** Waits for QEMU to exit by itself (the guest powers off). */
    public boolean waitFor(long timeoutMillis) throws InterruptedException {
        return process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** What QEMU printed on stderr (for error messages). */
    public String stderr() {
        try {
            return Files.readString(stderrFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Kills QEMU (a hung guest) and waits for it to be gone. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
