package dev.snapref.conformance.check;

import dev.snapref.conformance.clause.Clause;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.Transcript;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of checking one script: the steps checked, the clauses exercised (with counts),
 * both transcripts, and the first failure if any; or why a target could not run the script
 * ({@code outOfScope}: neither a pass nor a failure).
 */
public record CheckResult(Script script, int stepsChecked, Map<Clause, Integer> clauseHits, Transcript reference,
                          Transcript candidate, Optional<Failure> failure, Optional<String> outOfScope) {
    public CheckResult {
        clauseHits = clauseHits.isEmpty() ? Map.of() : new EnumMap<>(clauseHits);
    }

    public boolean passed() {
        return failure.isEmpty() && outOfScope.isEmpty();
    }
}
