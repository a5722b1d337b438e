package dev.snapref.conformance.targets;

import dev.snapref.scenario.Script;
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
