package dev.snapref.cli;

import dev.snapref.conformance.kernel.KernelScriptResult;
import dev.snapref.conformance.kernel.KernelTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import dev.snapref.engine.block.SparseImage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which goldens a kernel is held to, and which kernel recorded each. The golden folder holds the
 * reference, recorded on Linux 6.1; a kernel of another series is held to the same goldens
 * except where its differences were recorded, in {@code DIR/on-linux-SERIES/} (only the scripts
 * whose transcript or disk images differ there, so every difference is on file, none hidden).
 * Each folder's {@code recorded-on.txt} names, per script, the kernel package and release that
 * recorded it.
 */
final class GoldenVariants {
    /** The series the reference goldens are recorded on. */
    static final String REFERENCE_SERIES = "6.1";
    private static final Pattern SERIES = Pattern.compile("^(\\d+\\.\\d+)");

    private final Path dir;
    private final String kernel;
    private final String release;
    private final String series;

    private GoldenVariants(Path dir, String kernel, String release) {
        this.dir = dir;
        this.kernel = kernel;
        this.release = release;
        this.series = series(release);
    }

    /** The variants for the kernel that just ran (its release as its boot reported it). */
    static GoldenVariants of(Path dir, KernelTarget kernel) {
        return new GoldenVariants(dir, kernel.guest().description(), kernel.release().orElse(""));
    }

    /** {@code 6.12} of {@code 6.12.117+deb12-cloud-amd64}; empty when the release is unknown. */
    static String series(String release) {
        Matcher m = SERIES.matcher(release);
        return m.find() ? m.group(1) : "";
    }

    private boolean reference() {
        return series.isEmpty() || series.equals(REFERENCE_SERIES);
    }

    /** {@code DIR/on-linux-SERIES}. */
    Path variantDir() {
        return dir.resolve("on-linux-" + series);
    }

    /**
     * The folder {@code name}'s result is checked against (its variant when one is on file), or,
     * when recording, where it is written: the reference folder for a reference kernel, else the
     * variant folder, or null when it equals the reference (any old variant is removed then).
     */
    Path base(String name, boolean record, KernelScriptResult r) throws IOException {
        if (reference()) {
            return dir;
        }
        Path v = variantDir();
        if (!record) {
            return Files.isRegularFile(v.resolve(name + ".transcript")) ? v : dir;
        }
        if (sameAsReference(name, r)) {
            deleteFiles(v, name);
            return null;
        }
        return v;
    }

    private boolean sameAsReference(String name, KernelScriptResult r) throws IOException {
        Path t = dir.resolve(name + ".transcript");
        if (!Files.isRegularFile(t) || !Files.readString(t, StandardCharsets.UTF_8).equals(r.run().transcript().render())) {
            return false;
        }
        for (Map.Entry<String, SparseImage> e : r.run().disks().entrySet()) {
            Path img = dir.resolve(name + "." + e.getKey() + ".img.gz");
            if (!Files.isRegularFile(img) || !Arrays.equals(GoldensCommand.gunzip(img), e.getValue().toByteArray())) {
                return false;
            }
        }
        return true;
    }

    private static void deleteFiles(Path v, String name) throws IOException {
        if (!Files.isDirectory(v)) {
            return;
        }
        try (Stream<Path> s = Files.list(v)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(name + ".")).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Notes in {@code base/recorded-on.txt} that this kernel recorded {@code name}. */
    void recordedOn(Path base, String name) throws IOException {
        Path f = base.resolve("recorded-on.txt");
        Map<String, String> lines = new TreeMap<>();
        List<String> head = new ArrayList<>(List.of("# NAME  KERNEL-PACKAGE  RELEASE: the kernel each golden here was "
                + "recorded on (snapref goldens --record)"));
        if (Files.isRegularFile(f)) {
            for (String l : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    lines.put(l.split("\\s+")[0], l);
                }
            }
        }
        lines.put(name, name + " " + kernel + " " + (release.isEmpty() ? "?" : release));
        head.addAll(lines.values());
        Files.write(f, head, StandardCharsets.UTF_8);
    }
}
