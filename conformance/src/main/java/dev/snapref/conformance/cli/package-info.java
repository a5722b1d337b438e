/**
 * The {@code snapref} command line (picocli): one class per subcommand. Exit codes
 * ({@link dev.snapref.conformance.cli.ExitCode}): 0 ok, 1 a check failed, 2 usage or input error.
 *
 * <p>{@code conform} and {@code fuzz} (every mode) never end with a stack trace for a throwing
 * engine: their phases and campaigns run under {@link dev.snapref.conformance.guard.PhaseGuard}s,
 * a throwable is a failure with a reproducer and exit 1, and {@code conform} writes its four
 * report files in every such case.
 */
package dev.snapref.conformance.cli;
