package dev.snapref.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code snapref} command line. Exit codes: 0 ok, 1 a check failed or targets diverged,
 * 2 usage or input error, 3 snapref itself failed ({@link ExitCode}). No command prints a Java
 * stack trace unless {@code --verbose} is given: bad input is one line naming what was wrong and
 * where; an unexpected exception is one line saying it is a bug in snapref.
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
            RaceCommand.class,
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

    @CommandLine.Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "More detail: the Java stack trace of an unexpected error; in bugs, each switch's description.")
    boolean verbose;

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

    /** Whether {@code --verbose} was given to the command or any command above it. */
    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose") || p.hasMatchedOption("-v")) {
                return true;
            }
        }
        return false;
    }

    /** A configured command line: usage errors exit 2, {@link UsageException} prints its message and exits 2. */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new SnaprefCommand());
        cl.setExitCodeExceptionMapper(e -> e instanceof UsageException || e instanceof CommandLine.ParameterException
                ? ExitCode.USAGE : ExitCode.INTERNAL);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("snapref: " + ex.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName()
                    + " --help')");
            cmd.getErr().flush();
            return ExitCode.USAGE;
        });
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
            if (e instanceof dev.snapref.conformance.targets.OutOfScope) {
                // a script the chosen target does not cover: say so, as for a usage error
                cmd.getErr().println("snapref: outside the target's scope: " + e.getMessage()
                        + " (the other targets run it: try --target engine, or diff --targets model,engine"
                        + " to see it skipped)");
                return ExitCode.USAGE;
            }
            cmd.getErr().println("snapref: internal error: " + e + " (a bug in snapref; "
                    + (verbose(parsed) ? "stack trace follows)" : "--verbose prints the stack trace)"));
            if (verbose(parsed)) {
                e.printStackTrace(cmd.getErr());
            }
            cmd.getErr().flush();
            return ExitCode.INTERNAL;
        });
        cl.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE);
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE);
        }
        return cl;
    }
}
