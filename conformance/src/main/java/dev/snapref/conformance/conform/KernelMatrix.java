package dev.snapref.conformance.conform;

import dev.snapref.conformance.diff.Divergence;
import dev.snapref.conformance.diff.TranscriptComparison;
import dev.snapref.conformance.kernel.KernelTarget;
import dev.snapref.conformance.report.KernelColumn;
import dev.snapref.conformance.report.KernelDifference;
import dev.snapref.conformance.report.KernelMatrixReport;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.Transcript;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The conformance matrix: {@link KernelConformance} on each kernel, one after the other (each
 * run already uses every core), and every script whose transcript on a kernel differs from the
 * first kernel's, with both transcripts. Kernels are compared with each other directly, not only
 * through the model: a difference the model does not settle is still shown.
 */
public final class KernelMatrix {
    private KernelMatrix() {
    }

    /** Runs every kernel; the first is the reference of the differences. */
    public static KernelMatrixReport run(KernelConformance.Config config, SteppableTarget model,
                                         List<KernelTarget> kernels, PrintStream progress) {
        assert !kernels.isEmpty() : "a matrix of no kernel";
        String date = Instant.now().toString();
        List<KernelConformance.Result> results = new ArrayList<>();
        for (KernelTarget k : kernels) {
            KernelConformance.Result r = new KernelConformance(config, model, k).run(progress);
            results.add(r);
            if (progress != null) {
                progress.printf("kernel %s: %s%n", r.column().kernel(), r.column().report().passed() ? "PASS" : "FAIL");
            }
        }
        List<KernelColumn> columns = results.stream().map(KernelConformance.Result::column).toList();
        return new KernelMatrixReport(date, columns, differences(results));
    }

    static List<KernelDifference> differences(List<KernelConformance.Result> results) {
        List<KernelDifference> out = new ArrayList<>();
        KernelConformance.Result ref = results.get(0);
        for (int j = 1; j < results.size(); j++) {
            KernelConformance.Result other = results.get(j);
            for (Map.Entry<String, Script> e : ref.scripts().entrySet()) {
                Transcript a = ref.transcripts().get(e.getKey());
                Transcript b = other.transcripts().get(e.getKey());
                if (a == null || b == null) {
                    continue;
                }
                Optional<Divergence> d = TranscriptComparison.compare(e.getValue(), "a", a, "b", b);
                d.ifPresent(div -> out.add(new KernelDifference(e.getKey(), e.getValue().render(),
                        ref.column().kernel(), other.column().kernel(), a.render(), b.render(), div.summary())));
            }
        }
        return out;
    }
}
