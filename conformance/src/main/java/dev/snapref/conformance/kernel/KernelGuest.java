package dev.snapref.conformance.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The guest the kernel target boots: a kernel image and a busybox initramfs with dmsetup, the
 * dm and virtio modules and the guest runner ({@code guest-init.sh}, {@code guest-lib.sh}).
 *
 * <p>Built once by {@code build-guest.sh} and cached under {@code $SNAPREF_CACHE}, else
 * {@code ~/.cache/snapref}, else {@code .snapref-cache/} in the working folder, in a folder
 * whose name is a hash of the kernel choice and the guest scripts: changing either builds a
 * new guest. The kernel package is fetched with {@code apt-get download} and unpacked with
 * {@code dpkg-deb -x}; it is never installed on the host.
 */
public final class KernelGuest {
    /** The kernel the shared transcripts were recorded on. */
    public static final String DEFAULT_KERNEL_PACKAGE = "linux-image-6.1.0-56-cloud-amd64";

    static final String RESOURCE_DIR = "/dev/snapref/conformance/kernel/";
    static final List<String> RESOURCES = List.of("build-guest.sh", "guest-init.sh", "guest-lib.sh");

    private final Path kernel;
    private final Path initrd;
    private final String description;

    private KernelGuest(Path kernel, Path initrd, String description) {
        this.kernel = kernel;
        this.initrd = initrd;
        this.description = description;
    }

    public Path kernel() {
        return kernel;
    }

    public Path initrd() {
        return initrd;
    }

    /** What this guest runs, e.g. the kernel package name. */
    public String description() {
        return description;
    }

    /**
     * The cached guest for a kernel package or for a kernel image with its modules, built first
     * if needed.
     *
     * @throws KernelTargetUnavailableException when host tools are missing or the build failed
     */
    public static KernelGuest obtain(Optional<String> kernelPackage, Optional<Path> kernelImage,
                                     Optional<Path> modulesDir) {
        HostTools.requireAll();
        if (kernelImage.isPresent() != modulesDir.isPresent()) {
            throw new KernelTargetUnavailableException("--kernel BZIMAGE and --modules DIR go together");
        }
        if (kernelImage.isPresent() && kernelPackage.isPresent()) {
            throw new KernelTargetUnavailableException("choose --kernel-package or --kernel/--modules, not both");
        }
        List<String> args = new ArrayList<>();
        String key;
        String description;
        if (kernelImage.isPresent()) {
            Path k = kernelImage.get().toAbsolutePath();
            Path m = modulesDir.get().toAbsolutePath();
            if (!Files.isRegularFile(k)) {
                throw new KernelTargetUnavailableException("no kernel image at " + k);
            }
            if (!Files.isDirectory(m)) {
                throw new KernelTargetUnavailableException("no modules folder at " + m);
            }
            args.addAll(List.of("--kernel", k.toString(), "--modules", m.toString()));
            key = "image:" + k + ":" + m + ":" + mtime(k);
            description = k.toString();
        } else {
            String pkg = kernelPackage.orElse(DEFAULT_KERNEL_PACKAGE);
            if (!pkg.matches("[a-z0-9][a-z0-9.+-]*")) {
                throw new KernelTargetUnavailableException("not a Debian package name: " + pkg);
            }
            args.addAll(List.of("--kernel-package", pkg));
            key = "package:" + pkg;
            description = pkg;
        }
        String hash = hash(key);
        Path dir = cacheRoot().resolve("guest-" + hash);
        Path kernel = dir.resolve("vmlinuz");
        Path initrd = dir.resolve("initrd.img");
        if (Files.isRegularFile(kernel) && Files.isRegularFile(initrd)) {
            return new KernelGuest(kernel, initrd, description);
        }
        build(dir, args);
        return new KernelGuest(kernel, initrd, description);
    }

    private static void build(Path dir, List<String> args) {
        try {
            Files.createDirectories(dir.getParent());
            Path tmp = Files.createTempDirectory(dir.getParent(), "building-");
            Path scripts = tmp.resolve("scripts");
            Files.createDirectories(scripts);
            for (String r : RESOURCES) {
                Files.write(scripts.resolve(r), resource(r));
            }
            Path out = tmp.resolve("guest");
            List<String> cmd = new ArrayList<>(List.of("bash", scripts.resolve("build-guest.sh").toString(),
                    out.toString()));
            cmd.addAll(args);
            System.err.println("snapref: building the kernel guest (" + String.join(" ", args) + ") in " + dir);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("build.log").toFile()).start();
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new KernelTargetUnavailableException("building the guest took over 15 minutes; log: "
                        + tmp.resolve("build.log"));
            }
            if (p.exitValue() != 0) {
                String log = Files.readString(tmp.resolve("build.log"), StandardCharsets.UTF_8);
                throw new KernelTargetUnavailableException("building the kernel guest failed (exit "
                        + p.exitValue() + "):\n" + log.strip());
            }
            try {
                Files.move(out, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isRegularFile(dir.resolve("initrd.img"))) {
                    throw e;
                }
                // another process built the same guest meanwhile: keep theirs
            }
            deleteTree(tmp);
        } catch (IOException e) {
            throw new KernelTargetUnavailableException("cannot build the kernel guest in " + dir + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelTargetUnavailableException("interrupted while building the kernel guest");
        }
    }

    /** The cache folder: $SNAPREF_CACHE, else ~/.cache/snapref, else ./.snapref-cache. */
    public static Path cacheRoot() {
        String env = System.getenv("SNAPREF_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        String home = System.getProperty("user.home");
        if (home != null && !home.isBlank() && Files.isWritable(Path.of(home))) {
            return Path.of(home, ".cache", "snapref");
        }
        return Path.of(".snapref-cache").toAbsolutePath();
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = KernelGuest.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IOException("missing resource " + RESOURCE_DIR + name);
            }
            return in.readAllBytes();
        }
    }

    private static String hash(String key) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(key.getBytes(StandardCharsets.UTF_8));
            for (String r : RESOURCES) {
                md.update(resource(r));
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("cannot hash the guest resources", e);
        }
    }

    private static String mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p) + ":" + Files.size(p);
        } catch (IOException e) {
            return "?";
        }
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (var s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
