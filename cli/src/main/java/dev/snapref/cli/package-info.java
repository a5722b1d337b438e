/**
 * The {@code snapref} command line (picocli): one class per subcommand ({@code run}, {@code diff},
 * {@code fuzz}, {@code replay}, {@code merge}, {@code conform}, {@code explore}, {@code bugs},
 * {@code cow}, {@code goldens}, {@code kernels}, {@code stress}, {@code bench}), target selection through the
 * {@link dev.snapref.conformance.targets.TargetRegistry}, and the launchers of the packaged
 * benchmark and jcstress jars ({@link dev.snapref.cli.PackagedJar}).
 *
 * <p>Guarantees: exit codes are 0 ok, 1 a check failed or targets diverged, 2 a usage or input
 * error with a one-line message naming what was wrong and where; the jar never runs Maven (the
 * {@code ./snapref} launcher is the build driver). Only this package uses picocli, and nothing
 * else imports it ({@code ArchitectureTest}).
 */
package dev.snapref.cli;
