package dev.snapref.conformance.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code snapref bench [--quick]}: runs the JMH benchmarks of the {@code bench/} module
 * ({@code bench/target/benchmarks.jar}, rebuilt with Maven when missing or older than a source)
 * and prints every figure beside its target, as docs/benchmarks.md lists them. Exit code: the
 * benchmark run's (0 even when a target is missed: figures are data, not a gate), 2 when the
 * checkout or the build is missing.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run the JMH benchmarks and print every figure beside its target (docs/benchmarks.md).",
            "Full run: about 15 minutes; --quick: a rough run of about a minute."})
public final class BenchCommand implements Callable<Integer> {
    static final String POM = "bench/pom.xml";
    static final String JAR = "bench/target/benchmarks.jar";

    @Option(names = "--quick", description = "A short, rough run (in-process, short iterations).")
    boolean quick;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path root = findRoot().orElseThrow(() -> new UsageException(
                "cannot find " + POM + " (run from the snapref checkout or set SNAPREF_ROOT)"));
        Path jar = root.resolve(JAR);
        if (stale(root, jar)) {
            System.err.println("snapref bench: building " + JAR + " (mvn package)...");
            int rc = new ProcessBuilder("mvn", "-B", "-q", "-DskipTests", "-pl", "bench", "-am", "package")
                    .directory(root.toFile()).inheritIO().start().waitFor();
            if (rc != 0 || !Files.isRegularFile(jar)) {
                throw new UsageException("building " + JAR + " failed; run 'mvn -B -DskipTests -pl bench -am package'");
            }
        }
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", jar.toString()));
        if (quick) {
            cmd.add("--quick");
        }
        return new ProcessBuilder(cmd).directory(root.toFile()).inheritIO().start().waitFor();
    }

    /** Whether the jar is missing or older than a Java source or pom of the checkout. */
    static boolean stale(Path root, Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return true;
        }
        FileTime built = Files.getLastModifiedTime(jar);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
                    .filter(p -> p.toString().endsWith(".java") || p.getFileName().toString().equals("pom.xml"))
                    .anyMatch(p -> newer(p, built));
        }
    }

    private static boolean newer(Path p, FileTime than) {
        try {
            return Files.getLastModifiedTime(p).compareTo(than) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The checkout: the first of $SNAPREF_ROOT, the jar's ancestors and the working directory's that holds bench/. */
    static Optional<Path> findRoot() {
        return StressCommand.findRootHolding(POM);
    }
}
