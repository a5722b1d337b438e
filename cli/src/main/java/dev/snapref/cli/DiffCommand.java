package dev.snapref.cli;

import dev.snapref.conformance.diff.Divergence;
import dev.snapref.conformance.diff.TranscriptComparison;
import dev.snapref.conformance.targets.OutOfScope;
import dev.snapref.conformance.targets.Target;
import dev.snapref.conformance.targets.TargetRun;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.Transcript;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code snapref diff [--targets model,engine] SCRIPT...}: runs each script on each target and
 * compares the transcripts with the first target's; prints the first divergence of each
 * script as a unified diff with its script line. Exit 1 on any divergence. A transcript that is
 * the model's under another outcome of a race the model states (a recorded or kernel run) is a
 * note, not a divergence.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Run scripts on several targets and compare their transcripts byte for byte.")
public final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetMixin target;

    @Option(names = "--targets", split = ",", defaultValue = "model,engine", paramLabel = "T1,T2,...",
            description = "Targets to compare (default: ${DEFAULT-VALUE}); the first is the reference.")
    List<String> targets;

    @Option(names = "--recorded",
            description = "Also compare with the recorded NAME.transcript beside each NAME.dms, if present.")
    boolean recorded;

    @Parameters(arity = "1..*", paramLabel = "SCRIPT", description = "Script files (.dms) or folders of them.")
    List<Path> scripts;

    @Override
    public Integer call() throws IOException {
        target.oneKernel("diff");
        if (targets.size() + (recorded ? 1 : 0) < 2) {
            throw new UsageException("diff needs at least two targets (or one and --recorded)");
        }
        List<Path> files = ScriptFiles.expand(scripts);
        List<Script> loaded = ScriptFiles.load(files);
        List<List<TargetRun>> runs = new ArrayList<>();
        Target model = null;
        for (String name : targets) {
            Target t = target.create(name);
            model = name.equals("model") ? t : model;
            runs.add(runEach(t, loaded));
        }
        PrintWriter out = spec.commandLine().getOut();
        int diverged = 0;
        for (int i = 0; i < loaded.size(); i++) {
            List<String> names = new ArrayList<>(targets);
            List<Transcript> ts = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            for (int k = 0; k < runs.size(); k++) {
                TargetRun r = runs.get(k).get(i);
                if (r == null) {
                    skipped.add(names.get(k));
                    ts.add(null);
                } else {
                    ts.add(r.transcript());
                }
            }
            for (int k = names.size() - 1; k >= 0; k--) {
                if (ts.get(k) == null) {
                    names.remove(k);
                    ts.remove(k);
                }
            }
            if (!skipped.isEmpty()) {
                out.println("skipped on " + String.join(",", skipped) + ": " + loaded.get(i).name()
                        + " (outside that target's scope)");
            }
            if (ts.size() + (recorded ? 1 : 0) < 2) {
                continue;
            }
            Optional<Transcript> rec = recorded ? recordedTranscript(files.get(i)) : Optional.empty();
            if (rec.isPresent()) {
                names.add(0, "recorded");
                ts.add(0, rec.get());
            }
            boolean api = reportApiProblems(out, loaded.get(i), targets, runs, i);
            diverged += report(out, loaded.get(i), names, ts, api, model) || api ? 1 : 0;
        }
        out.println(loaded.size() + " scripts, " + diverged + " diverged (targets: " + String.join(",", targets)
                + (recorded ? ", recorded" : "") + ")");
        out.flush();
        return diverged == 0 ? ExitCode.OK : ExitCode.FAILED;
    }

    /** All scripts in one go; when a script is out of a target's scope, one by one (null = skipped). */
    private static List<TargetRun> runEach(Target t, List<Script> scripts) {
        try {
            return t.runAll(scripts);
        } catch (OutOfScope e) {
            List<TargetRun> out = new ArrayList<>();
            for (Script s : scripts) {
                try {
                    out.add(t.run(s));
                } catch (OutOfScope skip) {
                    out.add(null);
                }
            }
            return out;
        }
    }

    /**
     * Prints each API problem a target found in its own answers for script {@code i} (a read
     * returning another count than it read: the transcript cannot show it); whether there was one.
     */
    private static boolean reportApiProblems(PrintWriter out, Script script, List<String> names,
                                             List<List<TargetRun>> runs, int i) {
        boolean any = false;
        for (int k = 0; k < runs.size(); k++) {
            TargetRun r = runs.get(k).get(i);
            for (String p : r == null ? List.<String>of() : r.apiProblems()) {
                out.println("DIVERGED " + script.name() + ": " + names.get(k) + " API at " + p);
                any = true;
            }
        }
        return any;
    }

    /**
     * Compares each transcript with the first; prints the divergences, or {@code ok} when none (and
     * no API problem). Where one side of a pair is the model, the other side's transcript may be the
     * model's under another outcome of a race the model states ({@link Target#otherOutcomes}): named
     * on the {@code ok} line, not a divergence.
     */
    private static boolean report(PrintWriter out, Script script, List<String> names, List<Transcript> ts,
                                  boolean apiDiverged, Target model) {
        boolean any = false;
        List<String> racers = new ArrayList<>();
        for (int k = 1; k < ts.size(); k++) {
            Optional<Divergence> d = TranscriptComparison.compare(script, names.get(0), ts.get(0), names.get(k),
                    ts.get(k));
            if (d.isPresent() && otherRaceOutcome(model, script, names, ts, k)) {
                racers.add(names.get(names.get(0).equals("model") ? k : 0));
            } else if (d.isPresent()) {
                any = true;
                out.println("DIVERGED " + script.name() + ": " + names.get(0) + " vs " + names.get(k) + " at "
                        + d.get().summary());
                out.print(d.get().unified());
            }
        }
        if (!any && !apiDiverged) {
            out.println("ok " + script.name() + (racers.isEmpty() ? "" : " (" + String.join(", ", racers)
                    + ": another outcome of the split-write race the model states, SplitWriteRace)"));
        }
        return any;
    }

    /** Whether pair (0, k) has the model on one side and, on the other, the model's transcript under another race outcome. */
    private static boolean otherRaceOutcome(Target model, Script script, List<String> names, List<Transcript> ts,
                                            int k) {
        int other = names.get(0).equals("model") ? k : names.get(k).equals("model") ? 0 : -1;
        if (model == null || other < 0) {
            return false;
        }
        return model.isOtherOutcome(script, ts.get(other));
    }

    private static Optional<Transcript> recordedTranscript(Path script) throws IOException {
        String name = script.getFileName().toString();
        Path t = script.resolveSibling(name.substring(0, name.length() - ".dms".length()) + ".transcript");
        if (!name.endsWith(".dms") || !Files.isRegularFile(t)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Transcript.parse(Files.readString(t)));
        } catch (IllegalArgumentException e) {
            throw new UsageException(t + ": " + e.getMessage());
        }
    }
}
