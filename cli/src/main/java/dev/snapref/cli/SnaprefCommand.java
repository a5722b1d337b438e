package dev.snapref.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code snapref} command line. Exit codes: 0 ok, 1 a check failed or targets diverged,
 * 2 usage or input error ({@link ExitCode}).
 */
@Command(name = "snapref", mixinStandardHelpOptions = true, version = "snapref 0.1.0",
        description = "Executable specification of Linux dm-snapshot and its live exception store handover.",
        subcommands = {
            RunCommand.class,
            ExploreCommand.class,
            DiffCommand.class,
            FuzzCommand.class,
            ReplayCommand.class,
            MergeCommand.class,
            ConformCommand.class,
            StressCommand.class,
            BenchCommand.class,
            GoldensCommand.class,
            CowCommand.class,
            BugsCommand.class,
            KernelsCommand.class,
        })
public final class SnaprefCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    /** A configured command line: usage errors exit 2, {@link UsageException} prints its message and exits 2. */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new SnaprefCommand());
        cl.setExitCodeExceptionMapper(e -> e instanceof UsageException ? ExitCode.USAGE : ExitCode.FAILED);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UsageException) {
                cmd.getErr().println("snapref: " + e.getMessage());
                return ExitCode.USAGE;
            }
            if (e instanceof dev.snapref.conformance.kernel.KernelTargetUnavailableException
                    || e instanceof dev.snapref.conformance.kernel.KernelRunException) {
                // a kernel that cannot be fetched, booted or understood: what to do, never a conformance failure
                cmd.getErr().println("snapref: kernel: " + e.getMessage());
                return ExitCode.USAGE;
            }
            throw e;
        });
        cl.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE);
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE);
        }
        return cl;
    }
}
