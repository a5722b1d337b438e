package dev.snapref.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code snapref stress [--long] [--bug NAME] [--tests REGEXP]}: runs the packaged jcstress races
 * ({@code stress/target/jcstress.jar}, see {@link PackagedJar}) against the engine and returns
 * jcstress's exit code: 0 every outcome acceptable, 1 a FORBIDDEN outcome, a test error or a run
 * that did not finish in time (a hung actor: deadlock or lost wake-up), 2 the jar is missing.
 * The report lands in {@code stress/target/jcstress-results/index.html}.
 */
@Command(name = "stress", mixinStandardHelpOptions = true,
        description = {"Run the jcstress races (handover, origin copy-out, suspend) against the engine.",
            "Bounded CI mode by default (under 5 minutes); --long is the nightly -m tough run.",
            "Report: stress/target/jcstress-results/index.html."})
public final class StressCommand implements Callable<Integer> {
    /** Bounds of the whole run: a deadlocked engine would hang an actor forever. */
    static final long QUICK_LIMIT_SECONDS = 15 * 60;
    static final long LONG_LIMIT_SECONDS = 6 * 3600;

    @Option(names = "--long", description = "Nightly run: jcstress -m tough (tens of minutes).")
    boolean longRun;

    @Option(names = "--bug", paramLabel = "NAME",
            description = "Hand -Dsnapref.bug=NAME to the test VMs (an engine bug switch); expect exit 1.")
    String bug;

    @Option(names = {"-t", "--tests"}, paramLabel = "REGEXP", description = "Only the test classes matching REGEXP.")
    String tests;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path jar = PackagedJar.JCSTRESS.locate();
        Path work = PackagedJar.JCSTRESS.moduleDir(jar).resolve("target");
        Files.createDirectories(work);
        List<String> cmd = command(jar);
        System.err.println("snapref stress: " + String.join(" ", cmd));
        // jcstress writes its result blob into the working directory
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).inheritIO().start();
        long limit = longRun ? LONG_LIMIT_SECONDS : QUICK_LIMIT_SECONDS;
        if (!p.waitFor(limit, TimeUnit.SECONDS)) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            System.err.println("snapref stress: jcstress did not finish within " + limit
                    + " s (a hung actor: deadlock or lost wake-up?)");
            return ExitCode.FAILED;
        }
        int rc = p.exitValue();
        System.err.println("snapref stress: jcstress exit code " + rc + "; report: " + work.resolve("jcstress-results/index.html"));
        return rc;
    }

    /** The jcstress command line: -m quick bounded for CI, -m tough for --long; 256 MiB forks. */
    List<String> command(Path jar) {
        String jvm = "-Xmx256m" + (bug == null ? "" : " -Dsnapref.bug=" + bug);
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", jar.toString()));
        if (longRun) {
            cmd.addAll(List.of("-m", "tough", "-jvmArgsPrepend", jvm));
        } else {
            cmd.addAll(List.of("-m", "quick", "-c", "2", "-f", "1", "-iters", "1", "-time", "100", "-sc", "false",
                    "-jvmArgs", jvm));
        }
        if (tests != null) {
            cmd.addAll(List.of("-t", tests));
        }
        cmd.addAll(List.of("-r", "jcstress-results"));
        return cmd;
    }
}
