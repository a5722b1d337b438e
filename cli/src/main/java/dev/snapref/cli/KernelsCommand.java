package dev.snapref.cli;

import dev.snapref.conformance.kernel.DebianKernels;
import dev.snapref.conformance.kernel.KernelCache;
import dev.snapref.conformance.kernel.KernelSource;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code snapref kernels}: the kernels the kernel target can boot. First the cached ones (with
 * the release and dm-snapshot target versions their last boot reported), then the Debian cloud
 * kernel packages installable now per series (newest last; {@code apt-cache search}, nothing
 * downloaded). Any of them, or a local build folder, goes to {@code --kernel}.
 */
@Command(name = "kernels", mixinStandardHelpOptions = true,
        description = "List cached kernels and the installable Debian kernel packages (for --kernel).")
public final class KernelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--all", description = "List every installable build (default: the newest 3 of each series).")
    boolean all;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("cached in " + KernelCache.root() + ":");
        List<KernelCache.Entry> cached = KernelCache.list();
        if (cached.isEmpty()) {
            out.println("  (none yet: the first run with --target kernel fetches the default kernel)");
        }
        for (KernelCache.Entry e : cached) {
            String snap = e.targets().entrySet().stream().filter(t -> t.getKey().startsWith("snapshot"))
                    .map(t -> t.getKey() + " " + t.getValue()).collect(Collectors.joining(", "));
            out.printf("  %-52s %-12s %s%s%s%n", e.kind().equals("local") ? e.source() : e.id(), e.kind(),
                    e.release().isEmpty() ? "" : e.release() + " ", snap.isEmpty() ? "" : "(" + snap + ") ",
                    (e.guestBuilt() ? "guest built" : "no guest yet") + String.format(", %.0f MB", e.bytes() / 1e6));
        }
        List<DebianKernels.Package> installable = DebianKernels.installable();
        out.println("installable (Debian cloud builds; --kernel NAME fetches one):");
        if (installable.isEmpty()) {
            out.println("  (none known: run `apt-get update` as root, then look again)");
        }
        Map<String, List<DebianKernels.Package>> bySeries = new TreeMap<>(DebianKernels::compareVersions);
        for (DebianKernels.Package p : installable) {
            bySeries.computeIfAbsent(p.series(), k -> new java.util.ArrayList<>()).add(p);
        }
        bySeries.forEach((series, pkgs) -> {
            out.println("  Linux " + series + ":");
            List<DebianKernels.Package> shown = all ? pkgs : pkgs.subList(Math.max(0, pkgs.size() - 6), pkgs.size());
            if (shown.size() < pkgs.size()) {
                out.println("    ... " + (pkgs.size() - shown.size()) + " older (--all)");
            }
            for (DebianKernels.Package p : shown) {
                out.println("    " + p.name() + (p.name().equals(KernelSource.DEFAULT_PACKAGE) ? "   (default: the reference)"
                        : ""));
            }
        });
        out.println("a local build: --kernel DIR (DIR holds vmlinuz or bzImage, and lib/modules/RELEASE or *.ko "
                + "with dm-mod, dm-bufio, dm-snapshot unless built in)");
        out.flush();
        return ExitCode.OK;
    }
}
