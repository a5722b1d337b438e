package dev.snapref.conformance.report;

import dev.snapref.conformance.clause.Clause;
import java.util.List;

/**
 * A conformance matrix: the same corpus, explorer and generated scripts run on several kernels,
 * each held against the model (clause x kernel), and every script whose transcripts differ
 * between the first kernel and another.
 *
 * @param date        when the run started (ISO-8601)
 * @param kernels     one column per kernel, in the order given
 * @param differences scripts whose transcripts differ between kernels
 */
public record KernelMatrixReport(String date, List<KernelColumn> kernels, List<KernelDifference> differences) {
    public KernelMatrixReport {
        kernels = List.copyOf(kernels);
        differences = List.copyOf(differences);
    }

    /** Every kernel passed its own report. */
    public boolean passed() {
        return kernels.stream().allMatch(k -> k.report().passed());
    }

    /** The clauses, in catalogue order (the rows). */
    public List<Clause> clauses() {
        return List.of(Clause.values());
    }
}
