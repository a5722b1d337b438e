package dev.snapref.conformance.conform;

import dev.snapref.conformance.check.Failure;
import dev.snapref.conformance.check.FailureKind;
import dev.snapref.conformance.guard.Severity;
import dev.snapref.conformance.guard.ThrowableDigest;
import dev.snapref.conformance.report.FailureDetail;
import dev.snapref.conformance.report.Reproduction;
import dev.snapref.conformance.report.TextPair;
import dev.snapref.conformance.targets.SteppableTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns a failure line into what a report shows ({@link FailureDetail}): the reproducer file it
 * names read back inline with its replay command; and when the file's phase is a checked one
 * (corpus, explorer, fuzz) and the candidate can step, the script re-run ({@link StepReplay}) for
 * the failing step, the transcripts and the two abstract states.
 *
 * <p>Guarantees: never throws for the code under test or for a file that cannot be read: the
 * failure keeps what is known (at worst its line); after a fatal error (in the run or in a
 * re-run) nothing more is re-run, and only an interruption passes. Re-runs are bounded: at most {@link #MAX_RERUNS}
 * per run and none after {@link #MAX_SECONDS} s spent re-running; later failures show their file
 * without a re-run. Paths are shown relative to the report folder when they are inside it. Limits:
 * the fault modes' reproducers (crash, faults, corrupt images) need their own campaign to replay,
 * so they are shown with the facts their header states, never re-run here.
 */
final class FailureExplainer {
    static final int MAX_RERUNS = 40;
    static final double MAX_SECONDS = 30;
    /** Phases whose reproducers a plain checked run replays. */
    private static final Set<String> CHECKED = Set.of("corpus", "explorer", "fuzz");
    /** How failure lines say how far a script was shrunk ("shrunk 21 -> 7 steps", "steps=21->7"). */
    private static final Pattern SHRUNK = Pattern.compile("(?:shrunk |steps=)(\\d+) ?-> ?\\d+");

    private final StepReplay replay;
    private final Path out;
    /** What each reproducer file showed, so a file named by many failure lines is read and re-run once. */
    private final Map<Path, FailureDetail> byFile = new HashMap<>();
    private final BooleanSupplier aborted;
    private int reruns;
    private long nanos;
    private boolean stopped;

    /**
     * @param replay  null when the candidate cannot step (the failure is shown from its file only)
     * @param out     the report folder (null: paths are shown as they are)
     * @param aborted whether the run saw a fatal error: then nothing is re-run
     */
    FailureExplainer(StepReplay replay, Path out, BooleanSupplier aborted) {
        this.replay = replay;
        this.out = out;
        this.aborted = aborted;
    }

    /** {@code d} with its reproducer read back (and re-run) when it is only a line naming one. */
    FailureDetail enrich(FailureDetail d) {
        if (d.detailed()) {
            return d;
        }
        Optional<Path> file = ReproducerFile.named(d.summary());
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return d;
        }
        Path key = file.get().toAbsolutePath().normalize();
        FailureDetail seen = byFile.get(key);
        if (seen != null) {
            return withSummary(seen, d.summary());
        }
        try {
            ReproducerFile f = ReproducerFile.read(file.get());
            Matcher m = SHRUNK.matcher(d.summary());
            FailureDetail out = fromFile(source(f), d.summary(), f, m.find() ? Integer.parseInt(m.group(1)) : -1);
            byFile.put(key, out);
            return out;
        } catch (Throwable t) {
            settle(t);
            return d;
        }
    }

    private static FailureDetail withSummary(FailureDetail d, String summary) {
        return new FailureDetail(d.source(), summary, d.kind(), d.step(), d.command(), d.scriptLine(), d.reproducer(),
                d.fact(), d.transcripts(), d.states());
    }

    /** Which script a reproducer came from, as its header says ("corpus cow-basic", "fuzz seed 7"). */
    private static String source(ReproducerFile f) {
        String script = f.get("script");
        if (!script.isEmpty() && !script.startsWith("none") && !script.startsWith("(")) {
            return script;
        }
        String phase = f.get("phase").isEmpty() ? f.get("mode") : f.get("phase");
        return f.get("seed").isEmpty() ? phase : phase + " seed " + f.get("seed");
    }

    /**
     * The detail of a failure of script {@code source} whose reproducer is {@code file};
     * {@code originalSteps} -1 when unknown.
     */
    FailureDetail fromFile(String source, String summary, ReproducerFile file, int originalSteps) {
        int shrunk = file.script().map(s -> s.commands().size()).orElse(-1);
        String shown = shown(file.path());
        Reproduction r = new Reproduction(shown, file.text(), file.replay(shown), originalSteps, shrunk);
        String phase = file.get("phase").isEmpty() ? file.get("mode") : file.get("phase");
        String fact = String.join("\n", file.facts());
        FailureDetail plain = new FailureDetail("", summary, file.get("signature"), 0, "", 0, r, fact,
                siblingTranscripts(file.path()), null);
        if (!CHECKED.contains(phase) || file.script().isEmpty() || !budgetLeft()) {
            return plain;
        }
        long start = System.nanoTime();
        reruns++;
        try {
            Optional<StepReplay.Replayed> again = replay.replay(file.script().get());
            if (again.isEmpty()) {
                return new FailureDetail("", summary, plain.kind(), 0, "", 0, r, (fact.isEmpty() ? "" : fact + "\n")
                        + "(re-run for this report: the script passed this time)", plain.transcripts(), null);
            }
            return detail(summary, source, r, again.get());
        } catch (Throwable t) {
            settle(t);
            return plain;
        } finally {
            nanos += System.nanoTime() - start;
        }
    }

    /** The detail of a re-run that failed again. */
    static FailureDetail detail(String summary, String source, Reproduction r, StepReplay.Replayed again) {
        Failure f = again.failure();
        int line = f.step() < again.result().script().lines().size()
                ? again.result().script().lines().get(f.step()).line() : 0;
        TextPair transcripts = new TextPair(again.referenceName(), again.result().reference().render(),
                again.candidateName(), again.result().candidate().render());
        return new FailureDetail(source, summary, f.kind().name(), f.step() + 1, f.command(), line, r, fact(f),
                transcripts, again.states());
    }

    /** What failed, readable: the exception's digest for a crash, the checker's detail otherwise. */
    static String fact(Failure f) {
        if (f.kind() == FailureKind.CRASH) {
            return String.join("\n", ThrowableDigest.parse(f.detail()).describe());
        }
        return f.detail().strip();
    }

    boolean budgetLeft() {
        return replay != null && !stopped && !aborted.getAsBoolean() && reruns < MAX_RERUNS
                && nanos / 1e9 < MAX_SECONDS;
    }

    /**
     * After a throwable while explaining: an interruption is rethrown; a fatal error stops every
     * later re-run (re-running would only fail again) and the report is still written; a failure
     * only costs this failure its re-run.
     */
    private void settle(Throwable t) {
        if (Severity.of(t) == Severity.FATAL) {
            stopped = true;
            return;
        }
        Severity.rethrowIfNotFailure(t);
    }

    /** {@code file} relative to the report folder when it is inside it, else as it is. */
    String shown(Path file) {
        if (out != null) {
            Path base = out.toAbsolutePath().normalize();
            Path abs = file.toAbsolutePath().normalize();
            if (abs.startsWith(base)) {
                return base.relativize(abs).toString().replace('\\', '/');
            }
        }
        return file.toString();
    }

    /**
     * The two {@code ID.NAME.transcript} files beside a reproducer, if there are exactly two: the
     * reference ({@code model}, {@code recorded} or {@code kernel}) on the left.
     */
    static TextPair siblingTranscripts(Path file) {
        String id = file.getFileName().toString().replaceAll("\\.dms$", "");
        Path dir = file.toAbsolutePath().getParent();
        List<Path> found = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().matches(Pattern.quote(id) + "\\.[a-z]+\\.transcript")).sorted()
                    .forEach(found::add);
            if (found.size() != 2) {
                return null;
            }
            if (!List.of("model", "recorded", "kernel").contains(name(found.get(0), id))) {
                Collections.reverse(found);
            }
            return new TextPair(name(found.get(0), id), Files.readString(found.get(0)), name(found.get(1), id),
                    Files.readString(found.get(1)));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String name(Path transcript, String id) {
        String n = transcript.getFileName().toString();
        return n.substring(id.length() + 1, n.length() - ".transcript".length());
    }
}
