/**
 * The {@code snapref} command line (picocli): one class per subcommand ({@code run}, {@code diff},
 * {@code fuzz}, {@code replay}, {@code merge}, {@code conform}, {@code explore}, {@code bugs},
 * {@code cow}, {@code goldens}, {@code kernels}, {@code stress}, {@code bench}), target selection through the
 * {@link dev.snapref.conformance.targets.TargetRegistry}, and the launchers of the packaged
 * benchmark and jcstress jars ({@link dev.snapref.cli.PackagedJar}).
 *
 * <p>Guarantees: exit codes ({@link dev.snapref.cli.ExitCode}) are 0 ok, 1 a check failed or
 * targets diverged, 2 a usage or input error with a one-line message naming what was wrong and
 * where, 3 snapref itself failed; no command prints a Java stack trace unless {@code --verbose}.
 * {@code conform} and {@code fuzz} (every mode) never end with a stack trace for a throwing
 * engine: their phases and campaigns run under {@link dev.snapref.conformance.guard.PhaseGuard}s,
 * a throwable is a failure with a reproducer and exit 1, and {@code conform} writes its four
 * report files in every such case. The jar never runs Maven (the {@code ./snapref} launcher is the
 * build driver). Only this package uses picocli, and nothing else imports it
 * ({@code ArchitectureTest}).
 */
package dev.snapref.cli;
