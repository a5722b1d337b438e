package dev.snapref.conformance.conform;

import dev.snapref.conformance.check.CheckResult;
import dev.snapref.conformance.check.DifferentialChecker;
import dev.snapref.conformance.check.Failure;
import dev.snapref.conformance.diff.Divergence;
import dev.snapref.conformance.fuzz.Reproducer;
import dev.snapref.conformance.guard.Severity;
import dev.snapref.conformance.report.FailureDetail;
import dev.snapref.conformance.report.Reproduction;
import dev.snapref.conformance.report.TextPair;
import dev.snapref.conformance.shrink.Shrinker;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.conformance.targets.Target;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.Transcript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Reproducers for the failures of the conform phases that check given scripts (corpus, explorer;
 * batch for a target that cannot step), so that every failure of a report has its script in the
 * report folder ({@code reproducers/PHASE-NAME.dms}), not only the fuzz campaign's.
 *
 * <ul>
 * <li>{@link #step}: a failed checked step: the script shrunk to a small one that fails the same
 *     way (and passes on the correct engine when a bug switch is on), written with both
 *     transcripts, shown by {@link FailureExplainer} (re-run for its states). One reproducer per
 *     clause and failure signature: later scripts that fail the same way name the first's file.</li>
 * <li>{@link #transcripts}: two whole transcripts that differ (the engine against the kernel's
 *     recording, a batch target against the model): the script as it is, both transcripts beside
 *     it, and the command that compares them again.</li>
 * </ul>
 *
 * <p>Guarantees: never throws: a shrink that throws keeps the script, a file that cannot be
 * written leaves the failure as its line (noted in it). Limits: at most {@link #MAX_SHRINKS}
 * shrinks of {@link #SHRINK_TESTS} tests each per run; later failures keep their whole script.
 */
final class ScriptReproducers {
    static final int MAX_SHRINKS = 20;
    static final int SHRINK_TESTS = 300;

    private final DifferentialChecker checker;
    private final DifferentialChecker baseline;
    private final Path dir;
    private final String bug;
    private final long seed;
    private final FailureExplainer explainer;
    private final Map<String, String> bySignature = new HashMap<>();
    private final Set<String> ids = new HashSet<>();
    private int shrinks;

    /**
     * @param checker  quiet checker of model and candidate (null for a batch target)
     * @param baseline the same with the correct candidate when a bug switch is on, else null
     * @param dir      where reproducers go (null: none are written)
     */
    ScriptReproducers(DifferentialChecker checker, DifferentialChecker baseline, Path dir, String bug, long seed,
                      FailureExplainer explainer) {
        this.checker = checker;
        this.baseline = baseline;
        this.dir = dir;
        this.bug = bug;
        this.seed = seed;
        this.explainer = explainer;
    }

    /**
     * The reproducers of a conformance run with {@code config}: re-runs use quiet checkers (no
     * evidence) of {@code model} and {@code candidate} when it can step; {@code correct} (or null)
     * is the candidate without its bug switch; nothing is re-run once {@code aborted} says a fatal
     * error happened.
     */
    static ScriptReproducers of(SteppableTarget model, Target candidate, SteppableTarget correct,
                                ConformanceRun.Config config, BooleanSupplier aborted) {
        Path dir = config.out() == null ? null : config.out().resolve("reproducers");
        if (candidate instanceof SteppableTarget steppable) {
            FailureExplainer explainer = new FailureExplainer(new StepReplay(model, steppable), config.out(), aborted);
            return new ScriptReproducers(new DifferentialChecker(model, steppable, true),
                    correct == null ? null : new DifferentialChecker(model, correct, true), dir, config.bug(),
                    config.seed(), explainer);
        }
        return new ScriptReproducers(null, null, dir, config.bug(), config.seed(),
                new FailureExplainer(null, config.out(), aborted));
    }

    /** What reads every reproducer of the run back for the report. */
    FailureExplainer explainer() {
        return explainer;
    }

    /** The failure {@code f} of checked script {@code script} ({@code line}: its report line). */
    FailureDetail step(String phase, String name, Script script, Failure f, String line) {
        String sig = f.clause().id() + " " + f.signature();
        String first = bySignature.get(sig);
        if (first != null) {
            return explainer.enrich(FailureDetail.line(line + " (same failure as " + first + ")"));
        }
        if (dir == null || checker == null) {
            return FailureDetail.line(line);
        }
        try {
            CheckResult shrunk = shrink(script, f);
            String id = unique(phase + "-" + safe(name));
            Path file = Reproducer.write(dir, id, phase, seed, "model", checker.candidateName(), bug, shrunk);
            String full = line + ", shrunk " + script.commands().size() + " -> " + shrunk.script().commands().size()
                    + " steps, reproducer " + file;
            bySignature.put(sig, phase + " " + name + ", reproducer " + file);
            return explainer.fromFile(phase + " " + name, full, ReproducerFile.read(file), script.commands().size());
        } catch (IOException e) {
            return FailureDetail.line(line + " (reproducer not written: " + e.getMessage() + ")");
        }
    }

    private CheckResult shrink(Script script, Failure f) {
        CheckResult whole = checker.check(script);
        if (shrinks >= MAX_SHRINKS || whole.failure().isEmpty()) {
            return whole;
        }
        shrinks++;
        try {
            Script small = new Shrinker(s -> checker.check(s).failure().map(g -> g.signature().equals(f.signature()))
                    .orElse(false) && (baseline == null || baseline.check(s).passed()), SHRINK_TESTS).shrink(script);
            CheckResult r = checker.check(small);
            return r.failure().isPresent() ? r : whole;
        } catch (Throwable t) {
            Severity.rethrowIfNotFailure(t);
            return whole;
        }
    }

    /**
     * Two transcripts of {@code script} that differ at {@code d}: the script and both transcripts
     * written, {@code replay} (with {@code FILE} for the script's path) the command that compares
     * them again.
     */
    FailureDetail transcripts(String phase, String name, Script script, String leftName, Transcript left,
                              String rightName, Transcript right, Divergence d, String line, String replay) {
        if (dir == null) {
            return FailureDetail.line(line);
        }
        try {
            Files.createDirectories(dir);
            String id = unique(phase + "-" + safe(name));
            Path file = dir.resolve(id + ".dms");
            List<String> head = new ArrayList<>(List.of("# snapref reproducer " + id, "# phase: " + phase,
                    "# targets: " + leftName + "," + rightName, "# bug: " + (bug == null ? "none" : bug),
                    "# replay: " + replay, "# first divergence: " + d.summary()));
            Files.writeString(file, String.join("\n", head) + "\n" + script.render());
            Files.writeString(dir.resolve(id + "." + leftName + ".transcript"), left.render());
            Files.writeString(dir.resolve(id + "." + rightName + ".transcript"), right.render());
            if (leftName.equals("recorded")) {
                Files.writeString(dir.resolve(id + ".transcript"), left.render());
            }
            String shown = explainer.shown(file);
            Reproduction r = new Reproduction(shown, Files.readString(file), replay.replace("FILE", shown),
                    script.commands().size(), script.commands().size());
            return new FailureDetail("", line + ", reproducer " + file, "DIVERGENCE", d.step() + 1, d.command(),
                    d.scriptLine(), r, printed(leftName, d.left()) + printed(rightName, d.right()), new TextPair(leftName, left.render(), rightName,
                    right.render()), null);
        } catch (IOException e) {
            return FailureDetail.line(line + " (reproducer not written: " + e.getMessage() + ")");
        }
    }

    private static String printed(String name, dev.snapref.scenario.TranscriptStep step) {
        return step == null ? name + " printed nothing (its transcript ended)\n"
                : name + " printed:\n" + step.render().indent(2);
    }

    private String unique(String id) {
        String out = id;
        for (int k = 2; !ids.add(out); k++) {
            out = id + "-" + k;
        }
        return out;
    }

    private static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9_.-]+", "_");
        return s.length() <= 80 ? s : s.substring(0, 80);
    }
}
