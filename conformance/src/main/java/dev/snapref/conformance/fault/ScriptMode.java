package dev.snapref.conformance.fault;

import dev.snapref.scenario.Script;
import java.util.Map;
import java.util.Optional;

/** One fault mode's check of one generated script (see {@link ScriptModeCampaign}). */
public interface ScriptMode {
    /** The mode's name: {@code faults}, {@code crash}. */
    String name();

    /**
     * Checks {@code script} under the mode's faults chosen from {@code seed}, adding what it did to
     * {@code counts}. Never throws for engine misbehaviour: that is a finding.
     */
    Optional<Finding> check(Script script, long seed, Map<String, Long> counts);

    /**
     * The script the mode checks for a generated one (the campaign calls it once, before checking
     * and shrinking, so a reproducer holds the script as checked). Default: the generated script.
     */
    default Script prepare(Script generated, long seed) {
        return generated;
    }

    /**
     * Whether the mode's scripts include LVM stacks ({@link
     * dev.snapref.conformance.gen.ScriptGenerator#withStacks}: linear devices, cows on mapped
     * devices, {@code lvconvert --merge}) for one seed in three. Default: no (the classic scripts
     * only).
     */
    default boolean withStacks() {
        return false;
    }

    /** Extra reproducer header lines (without {@code #}) for {@code script} checked with {@code seed}. */
    default java.util.List<String> describe(Script script, long seed) {
        return java.util.List.of();
    }
}
