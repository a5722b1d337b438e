package dev.snapref.conformance.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Brings a Debian kernel package into the cache ({@code kernels/PACKAGE/kernel}: a trimmed
 * unpacked package, see {@code fetch-kernel.sh}), once.
 *
 * <p>Guarantees: a package that cannot be downloaded is a {@link KernelTargetUnavailableException}
 * that says what to do (run {@code apt-get update}) and names the installable builds of the same
 * series; never a conformance failure. Only the default kernel (the Linux 6.1 reference) falls
 * back by itself, to the newest build of its series, and says so on stderr: Debian rotates
 * builds out of its archive, and the 6.1 series is what the goldens pin.
 */
final class KernelFetch {
    /** A fetched kernel: the package actually used and its folder. */
    record Fetched(KernelSource.DebianPackage pkg, Path dir) {
    }

    private KernelFetch() {
    }

    static Path folder(KernelSource.DebianPackage pkg) {
        return KernelCache.kernelsDir().resolve(pkg.id()).resolve("kernel");
    }

    /** The cached folder of {@code pkg}, fetched first if needed. */
    static Fetched ensure(KernelSource.DebianPackage pkg) {
        Path dir = folder(pkg);
        if (Files.isDirectory(dir.resolve("boot"))) {
            return new Fetched(pkg, dir);
        }
        GuestScripts.Result r = fetch(pkg, dir);
        if (r.exit() == 0) {
            return new Fetched(pkg, dir);
        }
        if (r.exit() != 3) {
            throw new KernelTargetUnavailableException("cannot unpack kernel package " + pkg.name() + ":\n" + r.output());
        }
        List<DebianKernels.Package> same = DebianKernels.sameSeries(pkg.name(), DebianKernels.installable());
        if (pkg.isDefault() && !same.isEmpty()) {
            KernelSource.DebianPackage newest = new KernelSource.DebianPackage(same.get(same.size() - 1).name(), true);
            System.err.println("snapref: kernel: the reference build " + pkg.name() + " cannot be fetched (Debian "
                    + "rotated it out?); using the newest build of its series, " + newest.name());
            Fetched f = ensure(newest);
            return f;
        }
        throw new KernelTargetUnavailableException(unavailable(pkg.name(), r.output(), same));
    }

    /** The message for a package apt cannot download: the error, what to do, the candidates. */
    static String unavailable(String name, String aptError, List<DebianKernels.Package> sameSeries) {
        StringBuilder sb = new StringBuilder("kernel package " + name + " cannot be fetched");
        String firstLine = aptError.lines().findFirst().orElse("").strip();
        if (!firstLine.isEmpty()) {
            sb.append(" (").append(firstLine).append(")");
        }
        sb.append(".\nRun `apt-get update` (as root) and try again: Debian rotates kernel builds out of its archive.");
        if (sameSeries.isEmpty()) {
            sb.append("\nNo build of the same series is installable now; `snapref kernels` lists those that are.");
        } else {
            sb.append("\nInstallable builds of the same series: ").append(sameSeries.stream()
                    .map(DebianKernels.Package::name).collect(Collectors.joining(", ")))
                    .append("\n(e.g. --kernel ").append(sameSeries.get(sameSeries.size() - 1).name()).append(")");
        }
        return sb.toString();
    }

    private static GuestScripts.Result fetch(KernelSource.DebianPackage pkg, Path dir) {
        Path parent = dir.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "fetching-");
            System.err.println("snapref: fetching kernel package " + pkg.name() + " (apt-get download) into " + parent);
            GuestScripts.Result r = GuestScripts.run(tmp, "fetch-kernel.sh", List.of(tmp.toString(), pkg.name()), 15);
            if (r.exit() == 0) {
                try {
                    Files.move(tmp.resolve("kernel.new"), dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    if (!Files.isDirectory(dir.resolve("boot"))) {
                        throw e;
                    }
                    // another process fetched it meanwhile: keep theirs
                }
                KernelCache.writeProperties(parent, "debian", pkg.name());
            }
            return r;
        } catch (IOException e) {
            throw new KernelTargetUnavailableException("cannot fetch kernel package " + pkg.name() + " into "
                    + parent + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelTargetUnavailableException("interrupted while fetching " + pkg.name());
        } finally {
            KernelGuest.deleteTree(tmp);
            try {
                Files.deleteIfExists(parent); // only when empty: a kernel that never came leaves nothing
            } catch (IOException ignored) {
                // not empty: a cached kernel lives there
            }
        }
    }
}
