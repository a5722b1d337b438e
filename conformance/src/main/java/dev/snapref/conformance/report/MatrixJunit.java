package dev.snapref.conformance.report;


/**
 * {@code junit.xml} of a kernel matrix: one test suite per kernel, one test case per clause
 * (failed clauses as failures, uncovered as skipped), and a suite {@code kernel-differences}
 * with one case per script whose transcripts differ between kernels (as failures: a difference
 * is news until proofs-notes explains it).
 */
public final class MatrixJunit {
    private MatrixJunit() {
    }

    public static String render(KernelMatrixReport m) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"snapref-matrix\">\n");
        for (KernelColumn k : m.kernels()) {
            ConformanceReport r = k.report();
            sb.append(String.format("  <testsuite name=\"snapref-conformance-%s\" tests=\"%d\" failures=\"%d\" "
                            + "skipped=\"%d\" errors=\"0\" time=\"%.3f\">%n", Xml.esc(k.kernel()), r.clauses().size(),
                    r.count(ClauseStatus.FAIL), r.count(ClauseStatus.UNCOVERED), r.seconds()));
            for (ClauseResult c : r.clauses()) {
                sb.append("    <testcase classname=\"snapref.clauses.").append(Xml.esc(k.kernel())).append("\" name=\"")
                        .append(Xml.esc(c.clause().id())).append("\" time=\"0\">");
                if (c.status() == ClauseStatus.FAIL) {
                    sb.append("<failure message=\"").append(Xml.esc(c.clause().id() + " failed on " + k.kernel()))
                            .append("\">").append(Xml.esc(String.join("\n", c.failures()))).append("</failure>");
                } else if (c.status() == ClauseStatus.UNCOVERED) {
                    sb.append("<skipped message=\"not exercised\"/>");
                }
                sb.append("</testcase>\n");
            }
            sb.append("  </testsuite>\n");
        }
        sb.append(String.format("  <testsuite name=\"kernel-differences\" tests=\"%d\" failures=\"%d\" errors=\"0\">%n",
                m.differences().size(), m.differences().size()));
        for (KernelDifference d : m.differences()) {
            sb.append("    <testcase classname=\"snapref.kernels\" name=\"").append(Xml.esc(d.script() + ": "
                    + d.kernelA() + " vs " + d.kernelB())).append("\"><failure message=\"").append(Xml.esc(d.summary()))
                    .append("\">").append(Xml.esc(SideBySide.text(d.transcriptA(), d.transcriptB(), 72)))
                    .append("</failure></testcase>\n");
        }
        return sb.append("  </testsuite>\n</testsuites>\n").toString();
    }
}
