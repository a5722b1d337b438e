package dev.snapref.conformance.kernel;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the host programs the kernel target needs. {@link #requireAll()} fails with one message
 * listing every missing program and the Debian packages that provide them.
 */
public final class HostTools {
    /** The Debian packages that provide everything the kernel target needs on the host. */
    public static final String PACKAGES = "qemu-system-x86 busybox-static dmsetup cpio kmod xz-utils";

    private HostTools() {
    }

    /** The first executable named {@code name} on PATH or in the usual system folders. */
    public static Optional<Path> find(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"));
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, name);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The QEMU system emulator for x86-64. */
    public static Path qemu() {
        return find("qemu-system-x86_64").orElseThrow(() -> missing(List.of("qemu-system-x86_64")));
    }

    /**
     * Checks that QEMU, busybox (static), dmsetup, cpio, gzip, modinfo (module dependencies) and xz
     * (compressed modules) are present; apt-get and dpkg-deb are checked when a package is fetched.
     *
     * @throws KernelTargetUnavailableException naming what is missing and how to install it
     */
    public static void requireAll() {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("qemu-system-x86_64", "dmsetup", "cpio", "gzip", "modinfo", "xz")) {
            if (find(tool).isEmpty()) {
                missing.add(tool);
            }
        }
        if (!Files.isExecutable(Path.of("/bin/busybox")) && !Files.isExecutable(Path.of("/usr/bin/busybox"))) {
            missing.add("busybox (static)");
        }
        if (!missing.isEmpty()) {
            throw missing(missing);
        }
    }

    private static KernelTargetUnavailableException missing(List<String> what) {
        return new KernelTargetUnavailableException("the kernel target needs " + String.join(", ", what)
                + ", which " + (what.size() == 1 ? "is" : "are") + " not installed. Install with:\n"
                + "  sudo apt-get update && sudo apt-get install -y --no-install-recommends " + PACKAGES + "\n"
                + "(or run conformance/src/main/resources/dev/snapref/conformance/kernel/install-qemu.sh)");
    }
}
