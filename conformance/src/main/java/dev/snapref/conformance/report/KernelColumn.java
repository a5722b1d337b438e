package dev.snapref.conformance.report;

import java.util.List;
import java.util.Map;

/**
 * One kernel of a conformance matrix: which kernel, what its boot reported, and its own report.
 *
 * @param kernel     the kernel as {@code --kernel} named it (package or folder)
 * @param release    the release its guest reported ({@code uname -r}), or empty
 * @param targets    the dm targets and versions it offers ({@code snapshot} -> {@code v1.16.0})
 * @param report     its conformance report (corpus, explorer and generated scripts against the model)
 * @param unfinished scripts it did not run to their end, with why (not counted as failures)
 */
public record KernelColumn(String kernel, String release, Map<String, String> targets, ConformanceReport report,
                           List<String> unfinished) {
    public KernelColumn {
        targets = Map.copyOf(targets);
        unfinished = List.copyOf(unfinished);
    }

    /** The status of {@code clauseId} on this kernel (UNCOVERED when the report lacks it). */
    public ClauseStatus status(String clauseId) {
        return report.clauses().stream().filter(c -> c.clause().id().equals(clauseId)).map(ClauseResult::status)
                .findFirst().orElse(ClauseStatus.UNCOVERED);
    }

    /** {@code snapshot v1.16.0, snapshot-origin v1.9.0, ...}: the snapshot targets' versions. */
    public String snapshotTargets() {
        return String.join(", ", targets.entrySet().stream().filter(e -> e.getKey().startsWith("snapshot"))
                .sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + " " + e.getValue()).toList());
    }
}
