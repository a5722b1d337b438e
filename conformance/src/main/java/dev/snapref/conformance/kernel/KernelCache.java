package dev.snapref.conformance.kernel;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The guest cache: {@code $SNAPREF_CACHE}, else {@code ~/.cache/snapref}, else
 * {@code .snapref-cache/} in the working folder. One subfolder per kernel:
 *
 * <pre>
 * kernels/ID/kernel.properties   kind (debian|local), source, when fetched
 * kernels/ID/boot.properties     what its last boot reported: release, dm target versions
 * kernels/ID/kernel/             Debian kernels only: the trimmed unpacked package
 * kernels/ID/guest-HASH/         vmlinuz + initrd.img, HASH of the guest scripts and kernel image
 * </pre>
 *
 * ID is the package name or {@code local-HASH} of a local folder ({@link KernelSource#id}).
 * Folders {@code guest-HASH} directly under the root are the older one-kernel layout; they are
 * left alone (another checkout may use them) and listed as such.
 */
public final class KernelCache {
    /** One cached kernel, as {@code snapref kernels} lists it. */
    public record Entry(String id, String kind, String source, String release, Map<String, String> targets,
                        boolean guestBuilt, long bytes) {
    }

    private KernelCache() {
    }

    /** The cache folder: $SNAPREF_CACHE, else ~/.cache/snapref, else ./.snapref-cache. */
    public static Path root() {
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

    /** {@code ROOT/kernels}. */
    public static Path kernelsDir() {
        return root().resolve("kernels");
    }

    /** Writes {@code kernel.properties} of a kernel folder (kind and source). */
    static void writeProperties(Path kernelDir, String kind, String source) throws IOException {
        Properties p = new Properties();
        p.setProperty("kind", kind);
        p.setProperty("source", source);
        p.setProperty("cached", Instant.now().toString());
        Files.createDirectories(kernelDir);
        try (Writer w = Files.newBufferedWriter(kernelDir.resolve("kernel.properties"), StandardCharsets.UTF_8)) {
            p.store(w, "snapref kernel");
        }
    }

    /** Records what a boot of kernel {@code id} reported (best effort: a read-only cache is no error). */
    static void recordBoot(String id, String release, Map<String, String> targets) {
        Properties p = new Properties();
        p.setProperty("release", release);
        targets.forEach((k, v) -> p.setProperty("target." + k, v));
        Path f = kernelsDir().resolve(id).resolve("boot.properties");
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            p.store(w, "what the guest reported at its last boot");
        } catch (IOException ignored) {
            // the listing then shows no release; nothing else depends on it
        }
    }

    /** The cached kernels, by id; then the older layout's guests (kind {@code older-layout}). */
    public static List<Entry> list() {
        List<Entry> out = new ArrayList<>();
        Path dir = kernelsDir();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path k : s.filter(Files::isDirectory).sorted().toList()) {
                    Properties kp = load(k.resolve("kernel.properties"));
                    if (kp.isEmpty()) {
                        continue;
                    }
                    Properties bp = load(k.resolve("boot.properties"));
                    Map<String, String> targets = new java.util.TreeMap<>();
                    bp.stringPropertyNames().stream().filter(n -> n.startsWith("target."))
                            .forEach(n -> targets.put(n.substring(7), bp.getProperty(n)));
                    out.add(new Entry(k.getFileName().toString(), kp.getProperty("kind", "?"),
                            kp.getProperty("source", "?"), bp.getProperty("release", ""), targets,
                            hasGuest(k), size(k)));
                }
            } catch (IOException ignored) {
                // an unreadable cache lists nothing
            }
        }
        try (Stream<Path> s = Files.list(root())) {
            for (Path g : s.filter(p -> p.getFileName().toString().startsWith("guest-")).sorted().toList()) {
                out.add(new Entry(g.getFileName().toString(), "older-layout", "a guest of an older snapref "
                        + "(default kernel)", "", Map.of(), Files.isRegularFile(g.resolve("initrd.img")), size(g)));
            }
        } catch (IOException ignored) {
            // no cache root yet
        }
        return out;
    }

    private static boolean hasGuest(Path kernelDir) throws IOException {
        try (Stream<Path> s = Files.list(kernelDir)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith("guest-")
                    && Files.isRegularFile(p.resolve("initrd.img")));
        }
    }

    private static Properties load(Path f) {
        Properties p = new Properties();
        if (Files.isRegularFile(f)) {
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException ignored) {
                // treated as absent
            }
        }
        return p;
    }

    private static long size(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }
}
