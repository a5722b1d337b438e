package dev.snapref.conformance.check;

import dev.snapref.conformance.clause.Clause;
import java.util.List;

/**
 * The first failure of a checked script.
 *
 * @param kind    what failed
 * @param step    0-based index of the step after which it was seen (the script length for DATA)
 * @param command the echo of that step's command
 * @param detail  what differed, readable (a unified diff, an invariant's text, state differences)
 * @param key     what identifies the failure for shrinking: same kind and same key = fails the same way
 * @param clauses the clauses the failing step exercises (most specific first; GEN-1 last)
 */
public record Failure(FailureKind kind, int step, String command, String detail, String key, List<Clause> clauses) {
    /** The shrinker's notion of "fails the same way". */
    public String signature() {
        return kind + ":" + key;
    }

    /** The most specific clause the failure breaks. */
    public Clause clause() {
        return clauses.get(0);
    }
}
