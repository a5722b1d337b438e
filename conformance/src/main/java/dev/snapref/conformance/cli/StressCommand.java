package dev.snapref.conformance.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code snapref stress [--long] [--bug NAME] [--tests REGEXP]}: runs the jcstress races of the
 * {@code stress/} module against the engine through {@code stress/run-stress.sh} (which builds
 * {@code stress/target/jcstress.jar} when needed) and returns its exit code: 0 every outcome
 * acceptable, 1 a FORBIDDEN outcome or a test error, 2 the script or the build is missing.
 */
@Command(name = "stress", mixinStandardHelpOptions = true,
        description = {"Run the jcstress races (handover, origin copy-out, suspend) against the engine.",
            "Bounded CI mode by default (under 5 minutes); --long is the nightly -m tough run.",
            "Report: stress/target/jcstress-results/index.html."})
public final class StressCommand implements Callable<Integer> {
    static final String SCRIPT = "stress/run-stress.sh";

    @Option(names = "--long", description = "Nightly run: jcstress -m tough (tens of minutes).")
    boolean longRun;

    @Option(names = "--bug", paramLabel = "NAME",
            description = "Hand -Dsnapref.bug=NAME to the test VMs (an engine bug switch); expect exit 1.")
    String bug;

    @Option(names = {"-t", "--tests"}, paramLabel = "REGEXP", description = "Only the test classes matching REGEXP.")
    String tests;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path root = findRoot().orElseThrow(() -> new UsageException(
                "cannot find " + SCRIPT + " (run from the snapref checkout or set SNAPREF_ROOT)"));
        List<String> cmd = new ArrayList<>();
        cmd.add("bash");
        cmd.add(root.resolve(SCRIPT).toString());
        if (longRun) {
            cmd.add("--long");
        }
        if (bug != null) {
            cmd.add("--bug");
            cmd.add(bug);
        }
        if (tests != null) {
            cmd.add("-t");
            cmd.add(tests);
        }
        Process p = new ProcessBuilder(cmd).directory(root.toFile()).inheritIO().start();
        return p.waitFor();
    }

    /** The checkout: $SNAPREF_ROOT, else the folder above conformance/target/snapref.jar, else an ancestor of the working directory. */
    static Optional<Path> findRoot() {
        return findRootHolding(SCRIPT);
    }

    /** The first of $SNAPREF_ROOT, the jar's ancestors and the working directory's that holds {@code file}. */
    static Optional<Path> findRootHolding(String file) {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("SNAPREF_ROOT");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        try {
            Path jar = Path.of(StressCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path d = jar.getParent(); d != null; d = d.getParent()) {
                candidates.add(d);
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // no code source: fall back to the working directory
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            candidates.add(d);
        }
        return candidates.stream().filter(d -> Files.isRegularFile(d.resolve(file))).findFirst();
    }
}
