package dev.snapref.conformance.targets;

import dev.snapref.scenario.Script;
import dev.snapref.scenario.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * Something that runs scenario scripts and prints canonical transcripts: the model, the
 * engine, or a real kernel. Two targets conform on a script when their transcripts are
 * byte-identical.
 */
public interface Target {
    /** The name used on the command line: {@code model}, {@code engine}, {@code kernel}. */
    String name();

    /** Runs one script on a fresh world (fresh zero-filled disks, no mapped devices). */
    TargetRun run(Script script);

    /**
     * The transcripts of the script's other legal outcomes where the reference kernel races (the
     * model states them: {@code dev.snapref.model.SplitWriteRace}); a comparison with a real
     * kernel may accept a transcript equal to one of them. Default: none (a target that prints
     * one outcome).
     */
    default List<Transcript> otherOutcomes(Script script) {
        return List.of();
    }

    /** Whether {@code t} is, byte for byte, one of the script's {@link #otherOutcomes}. */
    default boolean isOtherOutcome(Script script, Transcript t) {
        String shown = t.render();
        return otherOutcomes(script).stream().anyMatch(o -> o.render().equals(shown));
    }

    /**
     * Runs several scripts, each on a fresh world, results in the same order. Targets with a
     * costly start (a kernel in QEMU) override this to run them in one go.
     */
    default List<TargetRun> runAll(List<Script> scripts) {
        List<TargetRun> out = new ArrayList<>(scripts.size());
        for (Script s : scripts) {
            out.add(run(s));
        }
        return out;
    }
}
