package dev.snapref.conformance.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The guest the kernel target boots: a kernel image and a busybox initramfs with dmsetup, the
 * dm and virtio modules and the guest runner ({@code guest-init.sh}, {@code guest-lib.sh}).
 *
 * <p>Built once per kernel by {@code build-guest.sh} into {@code kernels/ID/guest-HASH} of the
 * {@link KernelCache}, HASH covering the guest scripts and the kernel image (its path, size and
 * time for a local folder): changing either builds a new guest; a kernel developer's rebuilt
 * tree is picked up. A Debian kernel is fetched first ({@link KernelFetch}); it is never
 * installed on the host.
 */
public final class KernelGuest {
    private final Path kernel;
    private final Path initrd;
    private final KernelSource source;

    private KernelGuest(Path kernel, Path initrd, KernelSource source) {
        this.kernel = kernel;
        this.initrd = initrd;
        this.source = source;
    }

    public Path kernel() {
        return kernel;
    }

    public Path initrd() {
        return initrd;
    }

    /** The kernel this guest runs (after any fallback of the default kernel). */
    public KernelSource source() {
        return source;
    }

    /** What this guest runs: the package name or the folder. */
    public String description() {
        return source.describe();
    }

    /** Records what a boot of this guest reported (release, dm target versions) in the cache. */
    public void recordBoot(String release, Map<String, String> targets) {
        KernelCache.recordBoot(source.id(), release, targets);
    }

    /**
     * The cached guest for a kernel, fetched and built first if needed.
     *
     * @throws KernelTargetUnavailableException when host tools are missing, the kernel cannot be
     *                                          fetched or has no image, or the build failed
     */
    public static KernelGuest obtain(KernelSource source) {
        HostTools.requireAll();
        KernelSource actual = source;
        Path kernelDir;
        if (source instanceof KernelSource.DebianPackage pkg) {
            KernelFetch.Fetched f = KernelFetch.ensure(pkg);
            actual = f.pkg();
            kernelDir = f.dir();
        } else {
            kernelDir = ((KernelSource.LocalBuild) source).dir();
        }
        Path image = findImage(kernelDir);
        String key = Hashing.sha256(GuestScripts.hash(), actual.id(), image, stamp(image)).substring(0, 16);
        Path home = KernelCache.kernelsDir().resolve(actual.id());
        Path dir = home.resolve("guest-" + key);
        if (!Files.isRegularFile(dir.resolve("vmlinuz")) || !Files.isRegularFile(dir.resolve("initrd.img"))) {
            build(dir, kernelDir);
            if (actual instanceof KernelSource.LocalBuild) {
                try {
                    KernelCache.writeProperties(home, "local", kernelDir.toString());
                } catch (IOException ignored) {
                    // the listing only misses this folder's source
                }
            }
        }
        return new KernelGuest(dir.resolve("vmlinuz"), dir.resolve("initrd.img"), actual);
    }

    /** The kernel image in a folder (the layouts of {@link KernelSource}), as build-guest.sh finds it. */
    static Path findImage(Path dir) {
        for (String name : List.of("vmlinuz", "bzImage")) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        for (Path sub : List.of(dir.resolve("boot"), dir)) {
            if (Files.isDirectory(sub)) {
                try (Stream<Path> s = Files.list(sub)) {
                    var hit = s.filter(p -> p.getFileName().toString().startsWith("vmlinuz-")).sorted().findFirst();
                    if (hit.isPresent()) {
                        return hit.get();
                    }
                } catch (IOException ignored) {
                    // try the next layout
                }
            }
        }
        for (String tree : List.of("arch/x86/boot/bzImage", "arch/x86_64/boot/bzImage")) {
            if (Files.isRegularFile(dir.resolve(tree))) {
                return dir.resolve(tree);
            }
        }
        throw new KernelTargetUnavailableException("no kernel image in " + dir + " (looked for vmlinuz, bzImage, "
                + "boot/vmlinuz-*, arch/x86/boot/bzImage); a local kernel folder holds the bzImage and its dm modules");
    }

    private static String stamp(Path p) {
        try {
            return Files.getLastModifiedTime(p) + ":" + Files.size(p);
        } catch (IOException e) {
            return "?";
        }
    }

    private static void build(Path dir, Path kernelDir) {
        Path tmp = null;
        try {
            Files.createDirectories(dir.getParent());
            tmp = Files.createTempDirectory(dir.getParent(), "building-");
            Path out = tmp.resolve("guest");
            System.err.println("snapref: building the kernel guest for " + kernelDir + " in " + dir);
            GuestScripts.Result r = GuestScripts.run(tmp, "build-guest.sh", List.of(out.toString(),
                    kernelDir.toString()), 15);
            if (r.exit() != 0) {
                throw new KernelTargetUnavailableException("building the kernel guest for " + kernelDir
                        + " failed (exit " + r.exit() + "):\n" + r.output());
            }
            try {
                Files.move(out, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isRegularFile(dir.resolve("initrd.img"))) {
                    throw e;
                }
                // another process built the same guest meanwhile: keep theirs
            }
        } catch (IOException e) {
            throw new KernelTargetUnavailableException("cannot build the kernel guest in " + dir + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelTargetUnavailableException("interrupted while building the kernel guest");
        } finally {
            deleteTree(tmp);
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
