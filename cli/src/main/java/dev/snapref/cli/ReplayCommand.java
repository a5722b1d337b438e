package dev.snapref.cli;

import dev.snapref.conformance.check.CheckResult;
import dev.snapref.conformance.check.Failure;
import dev.snapref.conformance.fuzz.Reproducer;
import dev.snapref.scenario.Script;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code snapref replay FILE}: reruns a reproducer (or any script) as a checked run of the model
 * against the candidate named in its header (default engine), with the header's bug switch
 * unless {@code --bug} is given ({@code --bug none}: the correct engine); a faults or crash reproducer ({@code # mode:} header) with its
 * fault plan or crash points, as {@code fuzz --faults|--crash --replay} does. Exit 1 if it still
 * fails.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Rerun a reproducer script as a checked model-vs-candidate run, with the bug switch",
            "its header names (--bug NAME for another, --bug none for the correct engine); a faults or",
            "crash reproducer with its fault plan or crash points."})
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetMixin target;

    @Parameters(arity = "1", paramLabel = "FILE", description = "A reproducer .dms file.")
    Path file;

    @Override
    public Integer call() throws IOException {
        Script script = ScriptFiles.load(List.of(file)).get(0);
        String text = Files.readString(file);
        if ("none".equals(target.bug)) {
            target.bug = null; // --bug none: the correct engine, whatever the header says
        } else if (target.bug == null) {
            target.bug = Reproducer.header(text, "bug").filter(b -> !b.equals("none")).orElse(null);
        }
        Optional<String> mode = Reproducer.header(text, "mode").filter(m -> m.equals("faults") || m.equals("crash"));
        if (mode.isPresent()) {
            return replayFaultMode(mode.get());
        }
        String candidate = Reproducer.header(text, "targets").map(t -> t.substring(t.indexOf(',') + 1))
                .orElse(target.name.equals("model") ? "engine" : target.name);
        CheckResult r = CheckedTargets.checker(target, candidate, true).check(script);
        PrintWriter out = spec.commandLine().getOut();
        out.print(r.candidate().render());
        if (r.failure().isPresent()) {
            Failure f = r.failure().get();
            out.println("FAILED " + f.kind() + " at step " + (f.step() + 1) + ": " + f.command());
            out.println("clause " + f.clause().id() + ": " + f.clause().text());
            out.println(f.detail());
        } else {
            out.println("passed: " + r.stepsChecked() + " steps agree (model vs " + candidate
                    + (target.bug == null ? "" : ", bug " + target.bug) + ")");
        }
        out.flush();
        return r.passed() ? ExitCode.OK : ExitCode.FAILED;
    }

    /**
     * A faults or crash reproducer is re-checked as {@code fuzz --faults|--crash --replay FILE}
     * does: with its fault plan or crash points (a plain run would not inject them and pass).
     */
    private int replayFaultMode(String mode) {
        List<String> args = new ArrayList<>(List.of("fuzz", "--" + mode, "--replay", file.toString()));
        if (target.bug != null) {
            args.addAll(List.of("--bug", target.bug));
        }
        CommandLine cl = SnaprefCommand.newCommandLine();
        cl.setOut(spec.commandLine().getOut());
        cl.setErr(spec.commandLine().getErr());
        return cl.execute(args.toArray(String[]::new));
    }
}
