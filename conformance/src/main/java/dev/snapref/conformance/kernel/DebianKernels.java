package dev.snapref.conformance.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Debian kernel packages this host's apt lists offer ({@code apt-cache search}; no
 * download): x86-64 cloud builds, which boot fastest in QEMU. Debian rotates builds out of its
 * archive, so a named build may vanish; {@link #sameSeries} finds what replaced it.
 *
 * <p>Limits: only what {@code apt-get update} last fetched is known; an empty list usually
 * means the lists were never fetched.
 */
public final class DebianKernels {
    /** One installable kernel package. */
    public record Package(String name, String series, String description) {
    }

    private static final Pattern LINE = Pattern.compile(
            "^(linux-image-(\\d+\\.\\d+)[0-9.]*[-+][A-Za-z0-9.+-]*cloud-amd64(?:-unsigned)?) - (.*)$");
    private static final Pattern SERIES = Pattern.compile("^linux-image-(\\d+\\.\\d+)");

    private DebianKernels() {
    }

    /** The installable cloud kernel packages (empty when apt-cache is missing or knows none). */
    public static List<Package> installable() {
        if (HostTools.find("apt-cache").isEmpty()) {
            return List.of();
        }
        try {
            Process p = new ProcessBuilder("apt-cache", "search", "--names-only", "^linux-image-[0-9].*cloud-amd64")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return List.of();
            }
            return parse(out);
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** Parses {@code apt-cache search} output: kernel image packages only (no -dbg, no meta-packages), sorted by version. */
    public static List<Package> parse(String aptCacheSearch) {
        List<Package> out = new ArrayList<>();
        for (String line : aptCacheSearch.split("\n")) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches() && !m.group(3).contains("meta-package")) {
                out.add(new Package(m.group(1), m.group(2), m.group(3)));
            }
        }
        out.sort(Comparator.comparing(Package::name, DebianKernels::compareVersions));
        return out;
    }

    /** The series ({@code 6.1}, {@code 6.12}) of a kernel package name, if it has one. */
    public static Optional<String> series(String packageName) {
        Matcher m = SERIES.matcher(packageName);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The packages of {@code packageName}'s series and flavour (signed or unsigned), oldest first. */
    public static List<Package> sameSeries(String packageName, List<Package> known) {
        Optional<String> s = series(packageName);
        boolean unsigned = packageName.endsWith("-unsigned");
        return known.stream().filter(p -> s.isPresent() && p.series().equals(s.get())
                && p.name().endsWith("-unsigned") == unsigned).toList();
    }

    /** Compares package names by their numbers, so that 6.1.0-9 sorts before 6.1.0-10 and 6.12 after 6.1. */
    public static int compareVersions(String a, String b) {
        String[] x = a.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)");
        String[] y = b.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].chars().allMatch(Character::isDigit) && y[i].chars().allMatch(Character::isDigit)
                    ? Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i])) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
