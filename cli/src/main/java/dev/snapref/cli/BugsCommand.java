package dev.snapref.cli;

import dev.snapref.engine.kernel.EngineBug;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code snapref bugs [--verbose]}: the engine's bug switches (the canaries of the correctness
 * gate), one name per line; {@code --verbose} adds each one's description. Turn one on with
 * {@code --bug NAME} on run, diff, fuzz, replay and conform.
 */
@Command(name = "bugs", mixinStandardHelpOptions = true,
        description = "List the engine's bug switches (for --bug NAME).")
public final class BugsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Its {@code --verbose} (inherited from the top command) adds each switch's description. */
    @picocli.CommandLine.ParentCommand
    SnaprefCommand top;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (EngineBug b : EngineBug.values()) {
            out.println(top != null && top.verbose ? b.id() + "\t" + b.description() : b.id());
        }
        out.flush();
        return ExitCode.OK;
    }
}
