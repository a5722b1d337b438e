package dev.snapref.model.explore;

import dev.snapref.scenario.Script;

/**
 * An invariant violation (or a model crash) found by the explorer.
 *
 * @param invariant the invariant id ({@code MODEL-CRASH} when a step threw)
 * @param message   what was wrong
 * @param script    the shortest script reaching it (breadth-first), in scenario format
 */
public record Violation(String invariant, String message, Script script) {
}
