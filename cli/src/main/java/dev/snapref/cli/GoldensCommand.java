package dev.snapref.cli;

import dev.snapref.conformance.kernel.KernelScriptResult;
import dev.snapref.conformance.kernel.KernelTarget;
import dev.snapref.conformance.kernel.KernelTargetUnavailableException;
import dev.snapref.engine.block.SparseImage;
import dev.snapref.scenario.DiskCommand;
import dev.snapref.scenario.Script;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code snapref goldens --record|--check [--dir DIR] [SCRIPT...]}: the golden corpus recorded
 * on a real kernel. DIR (default {@code testdata/goldens}) holds, like
 * {@code shared/kernel-transcripts}, {@code NAME.dms}, {@code NAME.transcript} and
 * {@code NAME.DISK.img.gz} for every disk the script declares.
 *
 * <p>{@code --record} runs the scripts (default: every {@code *.dms} in DIR; scripts named on
 * the command line are copied into DIR first) on the kernel target and writes their
 * transcripts and gzipped disk images; a script that did not run to its end is not recorded
 * and makes the command exit 1. {@code --check} runs them again and exits 1 when a transcript
 * or a disk image differs from the stored one (images are compared uncompressed), naming each
 * difference. Exit 2 when QEMU or the guest is not available.
 *
 * <p>{@code --kernel K} runs another kernel. Of the reference series (Linux 6.1) it is held to
 * and records the goldens themselves; of another series it records only its differences, into
 * {@code DIR/on-linux-SERIES/}, and is checked against them where one is on file
 * ({@link GoldenVariants}). Every recording notes its kernel in {@code recorded-on.txt}.
 *
 * <p>A disk listed in {@code DIR/image-races.txt} (lines {@code NAME DISK # why}) holds bytes
 * that depend on kernel timing (for example how many exceptions a multi-chunk write commits
 * before the store overflows): its transcript is still checked, an image difference is only
 * reported as {@code VARIES}.
 */
@Command(name = "goldens", mixinStandardHelpOptions = true,
        description = "Record or check the golden corpus of kernel transcripts and disk images.")
public final class GoldensCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    static final class Mode {
        @Option(names = "--record", required = true, description = "Run on the kernel and write the goldens.")
        boolean record;

        @Option(names = "--check", required = true, description = "Run on the kernel and compare with the goldens.")
        boolean check;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Option(names = "--dir", defaultValue = "testdata/goldens", paramLabel = "DIR",
            description = "Golden folder (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Mixin
    KernelOptions kernelOptions = new KernelOptions();

    @Parameters(arity = "0..*", paramLabel = "SCRIPT", description = "Scripts (default: every *.dms in DIR).")
    List<Path> scripts = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(dir)) {
            if (mode.check) {
                throw new UsageException("no golden folder " + dir);
            }
            Files.createDirectories(dir);
        }
        List<Path> files = scripts.isEmpty() ? List.of(dir) : scripts;
        List<Path> expanded = ScriptFiles.expand(files);
        if (expanded.isEmpty()) {
            throw new UsageException("no scripts (*.dms) in " + dir);
        }
        if (mode.record) {
            List<Path> inDir = new ArrayList<>();
            for (Path p : expanded) {
                Path target = dir.resolve(p.getFileName());
                if (!Files.exists(target) || !Files.isSameFile(p, target)) {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
                inDir.add(target);
            }
            expanded = inDir;
        }
        List<Script> loaded = ScriptFiles.load(expanded);
        KernelTarget kernel;
        try {
            kernel = KernelTarget.fromOptions(kernelOptions.options(null));
        } catch (KernelTargetUnavailableException e) {
            throw new UsageException(e.getMessage());
        }
        long t0 = System.nanoTime();
        List<KernelScriptResult> results = kernel.runAllDetailed(loaded);
        GoldenVariants variants = GoldenVariants.of(dir, kernel);
        int bad = 0;
        for (int i = 0; i < results.size(); i++) {
            String name = expanded.get(i).getFileName().toString().replaceFirst("\\.dms$", "");
            bad += judge(out, variants, name, loaded.get(i), results.get(i)) ? 0 : 1;
        }
        out.printf("%d scripts, %d %s, %.0f s on the kernel%n", results.size(), bad,
                mode.record ? "not recorded" : "differ", (System.nanoTime() - t0) / 1e9);
        out.flush();
        return bad == 0 ? ExitCode.OK : ExitCode.FAILED;
    }

    /** Records or checks one script's result; prints the verdict line(s); false when it failed. */
    private boolean judge(PrintWriter out, GoldenVariants variants, String name, Script script, KernelScriptResult r)
            throws IOException {
        if (!r.complete()) {
            out.println("FAILED " + name + ": " + r.problem().get());
            return false;
        }
        Path base = variants.base(name, mode.record, r);
        List<String> problems = base == null ? List.of() : mode.record ? record(base, name, r)
                : check(base, name, script, r);
        for (String p : problems) {
            out.println("DIFFERS " + name + ": " + p);
        }
        if (!problems.isEmpty()) {
            return false;
        }
        out.println((mode.record ? (base == null ? "same as the reference " : "recorded ") : "ok ") + name
                + (base != null && !base.equals(dir) ? " (as recorded in " + dir.relativize(base) + "/)" : ""));
        if (mode.record && base != null) {
            variants.recordedOn(base, name);
        }
        return true;
    }

    static List<String> record(Path dir, String name, KernelScriptResult r) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".transcript"), r.run().transcript().render(), StandardCharsets.UTF_8);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith(name + ".")
                    && p.getFileName().toString().endsWith(".img.gz")).toList()) {
                Files.delete(p);
            }
        }
        for (Map.Entry<String, SparseImage> e : r.run().disks().entrySet()) {
            try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(
                    dir.resolve(name + "." + e.getKey() + ".img.gz")))) {
                e.getValue().writeTo(gz);
            }
        }
        return List.of();
    }

    private List<String> check(Path dir, String name, Script script, KernelScriptResult r) throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> races = imageRaces();
        Path tr = dir.resolve(name + ".transcript");
        if (!Files.isRegularFile(tr)) {
            problems.add("no stored transcript " + tr);
        } else {
            String want = Files.readString(tr, StandardCharsets.UTF_8);
            String got = r.run().transcript().render();
            TranscriptRaces varying = TranscriptRaces.of(dir, name);
            if (!want.equals(got) && varying.any() && varying.mask(want).equals(varying.mask(got))) {
                spec.commandLine().getOut().println("VARIES " + name + ": transcript lines listed in "
                        + "transcript-races.txt differ:\n" + firstDifference(want, got));
            } else if (!want.equals(got)) {
                problems.add("transcript differs:\n" + firstDifference(want, got));
            }
        }
        for (var c : script.commands()) {
            if (c instanceof DiskCommand d) {
                Path img = dir.resolve(name + "." + d.name() + ".img.gz");
                img = Files.isRegularFile(img) ? img : this.dir.resolve(name + "." + d.name() + ".img.gz");
                SparseImage image = r.run().disks().get(d.name());
                byte[] got = image == null ? null : image.toByteArray();
                if (!Files.isRegularFile(img)) {
                    problems.add("no stored image " + img);
                } else if (!Arrays.equals(gunzip(img), got)) {
                    if (races.contains(name + " " + d.name())) {
                        spec.commandLine().getOut().println("VARIES " + name + ": disk " + d.name()
                                + " differs (listed in image-races.txt as timing-dependent)");
                        continue;
                    }
                    problems.add("disk " + d.name() + " differs from " + img.getFileName()
                            + firstByteDifference(gunzip(img), got));
                }
            }
        }
        return problems;
    }

    /** {@code NAME DISK} pairs from image-races.txt; comments and blank lines skipped. */
    private List<String> imageRaces() throws IOException {
        Path f = this.dir.resolve("image-races.txt");
        List<String> out = new ArrayList<>();
        if (Files.isRegularFile(f)) {
            for (String l : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                String t = l.replaceFirst("#.*", "").strip();
                if (!t.isEmpty()) {
                    out.add(String.join(" ", t.split("\\s+")));
                }
            }
        }
        return out;
    }

    private static String firstDifference(String want, String got) {
        String[] a = want.split("\n", -1);
        String[] b = got.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "<end>";
            String y = i < b.length ? b[i] : "<end>";
            if (!x.equals(y)) {
                return "  line " + (i + 1) + ":\n  - " + x + "\n  + " + y;
            }
        }
        return "  (same lines)";
    }

    private static String firstByteDifference(byte[] want, byte[] got) {
        if (got == null) {
            return " (the kernel returned no image)";
        }
        if (want.length != got.length) {
            return " (size " + want.length + " vs " + got.length + ")";
        }
        for (int i = 0; i < want.length; i++) {
            if (want[i] != got[i]) {
                return " (first at byte " + i + ", sector " + i / 512 + ")";
            }
        }
        return "";
    }

    static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }
}
