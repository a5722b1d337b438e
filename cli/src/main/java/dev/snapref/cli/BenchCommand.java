package dev.snapref.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code snapref bench [--quick]}: runs the packaged JMH benchmarks
 * ({@code bench/target/benchmarks.jar}, see {@link PackagedJar}) and prints every figure beside its
 * target, as docs/benchmarks.md lists them. Exit code: the benchmark run's (0 even when a target
 * is missed: figures are data, not a gate), 2 when the jar is missing.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run the JMH benchmarks and print every figure beside its target (docs/benchmarks.md).",
            "Full run: about 15 minutes; --quick: a rough run of about a minute."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "A short, rough run (in-process, short iterations).")
    boolean quick;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path jar = PackagedJar.BENCHMARKS.locate();
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", jar.toString()));
        if (quick) {
            cmd.add("--quick");
        }
        Path dir = PackagedJar.BENCHMARKS.moduleDir(jar);
        return new ProcessBuilder(cmd).directory(dir.toFile()).inheritIO().start().waitFor();
    }
}
