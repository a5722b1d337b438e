package dev.snapref.conformance.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a guest kernel comes from: a Debian kernel package fetched with {@code apt-get download}
 * (never installed on the host), or a local build folder, e.g. a kernel developer's patched
 * tree. The value of {@code --kernel}.
 *
 * <p>A local folder holds a bzImage ({@code vmlinuz}, {@code bzImage}, {@code boot/vmlinuz-*}
 * or {@code arch/x86/boot/bzImage}) and the dm and virtio modules: under
 * {@code lib/modules/RELEASE/} with {@code modules.dep} (as {@code make modules_install
 * INSTALL_MOD_PATH=DIR} or an unpacked Debian package lays them out), or as {@code *.ko}
 * files anywhere in the folder (a built tree), or none when the kernel has them built in.
 */
public sealed interface KernelSource {
    /** The kernel the shared transcripts were recorded on: Linux 6.1, Debian's cloud build. */
    String DEFAULT_PACKAGE = "linux-image-6.1.0-56-cloud-amd64";

    /** The cache folder name of this kernel under {@code kernels/}. */
    String id();

    /** How a person names it (the package name, or the folder). */
    String describe();

    /** A Debian kernel package, e.g. {@code linux-image-6.12.117+deb12-cloud-amd64-unsigned}. */
    record DebianPackage(String name, boolean isDefault) implements KernelSource {
        public DebianPackage {
            if (!isPackageName(name)) {
                throw new KernelTargetUnavailableException("not a Debian package name: " + name);
            }
        }

        @Override
        public String id() {
            return name;
        }

        @Override
        public String describe() {
            return name;
        }
    }

    /** A local kernel build folder (absolute, normalised). */
    record LocalBuild(Path dir) implements KernelSource {
        @Override
        public String id() {
            return "local-" + Hashing.sha256(dir.toString()).substring(0, 12);
        }

        @Override
        public String describe() {
            return dir.toString();
        }
    }

    /** The default kernel ({@link #DEFAULT_PACKAGE}). */
    static KernelSource defaultKernel() {
        return new DebianPackage(DEFAULT_PACKAGE, true);
    }

    /**
     * Reads a {@code --kernel} value: an existing folder is a local build, anything else must be
     * a Debian package name ({@code linux-image-...}).
     *
     * @throws KernelTargetUnavailableException for a file that is not a folder, or a word that is
     *                                          neither a folder nor a kernel package name
     */
    static KernelSource parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return defaultKernel();
        }
        Path p = Path.of(spec);
        if (Files.isDirectory(p)) {
            return new LocalBuild(p.toAbsolutePath().normalize());
        }
        if (Files.exists(p)) {
            throw new KernelTargetUnavailableException("--kernel " + spec + " is a file; give the folder that "
                    + "holds the kernel image (vmlinuz or bzImage) and its modules");
        }
        if (!isPackageName(spec) || !spec.toLowerCase(Locale.ROOT).startsWith("linux-image-")) {
            throw new KernelTargetUnavailableException("--kernel " + spec + ": no such folder, and not a Debian "
                    + "kernel package name (linux-image-...); 'snapref kernels' lists cached and installable ones");
        }
        return new DebianPackage(spec, spec.equals(DEFAULT_PACKAGE));
    }

    /** Whether {@code s} is a well-formed Debian package name. */
    static boolean isPackageName(String s) {
        return s != null && s.matches("[a-z0-9][a-z0-9.+-]+");
    }
}
