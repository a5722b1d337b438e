package dev.snapref.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A runnable jar built beside {@code snapref.jar} by the same Maven build (the JMH benchmarks,
 * the jcstress races). Found, in this order: beside {@code snapref.jar}; under
 * {@code $SNAPREF_ROOT/<module>/target/}; under {@code <module>/target/} of an ancestor of
 * {@code snapref.jar} or of the working directory. The command line never builds anything: a
 * missing jar is a usage error (exit 2) that says how to build it.
 *
 * @param module the Maven module that builds it, e.g. {@code stress}
 * @param file   the jar's file name, e.g. {@code jcstress.jar}
 */
record PackagedJar(String module, String file) {
    static final PackagedJar JCSTRESS = new PackagedJar("stress", "jcstress.jar");
    static final PackagedJar BENCHMARKS = new PackagedJar("bench", "benchmarks.jar");

    /** The jar, or a {@link UsageException} naming where it was looked for and the build command. */
    Path locate() {
        return find().orElseThrow(() -> new UsageException(module + "/target/" + file + " not found beside "
                + "snapref.jar, under $SNAPREF_ROOT or the working directory; build it with "
                + "'mvn -B -DskipTests -pl " + module + " -am package' (./snapref builds it when needed)"));
    }

    Optional<Path> find() {
        return candidates().stream().filter(Files::isRegularFile).findFirst();
    }

    /** The module's folder in the checkout that holds the jar (its working directory for results). */
    Path moduleDir(Path jar) {
        Path dir = jar.getParent();
        return dir.getFileName() != null && dir.getFileName().toString().equals("target") ? dir.getParent() : dir;
    }

    private List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        Optional<Path> self = selfJar();
        self.ifPresent(j -> out.add(j.resolveSibling(file)));
        String env = System.getenv("SNAPREF_ROOT");
        if (env != null && !env.isBlank()) {
            out.add(Path.of(env).resolve(module).resolve("target").resolve(file));
        }
        self.ifPresent(j -> addAncestors(j.getParent(), out));
        addAncestors(Path.of("").toAbsolutePath(), out);
        return out;
    }

    private void addAncestors(Path from, List<Path> out) {
        for (Path d = from; d != null; d = d.getParent()) {
            out.add(d.resolve(module).resolve("target").resolve(file));
        }
    }

    private static Optional<Path> selfJar() {
        try {
            var src = PackagedJar.class.getProtectionDomain().getCodeSource();
            return src == null ? Optional.empty() : Optional.of(Path.of(src.getLocation().toURI()));
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }
}
