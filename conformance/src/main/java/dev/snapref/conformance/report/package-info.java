/**
 * The conformance report ({@link dev.snapref.conformance.report.ConformanceReport}) and its four
 * renderings: {@code index.html}, {@code report.md}, {@code junit.xml}, {@code report.json}; and the
 * same four for a conformance matrix of kernels ({@link dev.snapref.conformance.report.KernelMatrixReport}:
 * clause x kernel, and each difference between kernels side by side with its script).
 *
 * <p>What a person gets (issue 17):
 * <ul>
 * <li><b>Failures first.</b> A red report opens with one block per failing clause: its text and
 *     kernel reference, and its best failure ({@link dev.snapref.conformance.report.FailureDetail}:
 *     the shortest shrunk reproducer inline with a copy button, the replay command, what failed —
 *     the invariant, the refinement differences, the exception — the two transcripts side by side
 *     with the failing step marked and the two abstract states side by side); the clause's other
 *     failures collapsed below it. Then the summary, the coverage picture and the clause table.</li>
 * <li><b>Portable.</b> {@link dev.snapref.conformance.report.ReportFiles} makes every path under
 *     the report folder relative to it ({@link dev.snapref.conformance.report.PortablePaths}) in all
 *     four files, so the folder can be zipped, uploaded as a CI artifact and opened anywhere.</li>
 * <li><b>Readable at scale.</b> Evidence lists are collapsed (a count that expands); the clause
 *     table filters by status (or by change since the previous report) and by text, and sorts by
 *     any column, with an inline script and style sheet only ({@code report.js},
 *     {@code report.css}: no network, no external script or font; the page is complete without
 *     the script); the phase graph's labels never overlap
 *     ({@link dev.snapref.conformance.report.LabelPlacer}); {@code report.md} fits a pull-request
 *     comment ({@link dev.snapref.conformance.report.MarkdownReport#LIMIT}).</li>
 * <li><b>Trend.</b> With a previous report ({@link dev.snapref.conformance.report.PreviousReport},
 *     read from its {@code report.json}) each clause says whether it is newly failing, fixed,
 *     still failing, newly (un)covered or new ({@link dev.snapref.conformance.report.Trend}).</li>
 * </ul>
 *
 * <p>Guarantees: the renderers are pure functions of the report and escape everything they print
 * ({@code Xml} for HTML and XML, {@code Md} for Markdown, {@link dev.snapref.conformance.report.JsonReport#str}
 * for JSON). {@link dev.snapref.conformance.report.ReportFiles} writes all four files: a renderer
 * that throws does not stop the others, its file gets a plain rendering that names the problem and
 * never passes ({@link dev.snapref.conformance.report.FallbackReport}), and the problem is returned
 * so the command exits 1. Limits: a failure known only as a line (a campaign that reports strings
 * and names no reproducer) is shown as that line; the report does not check that the files it
 * links still exist (the browser test does, for real reports).
 */
package dev.snapref.conformance.report;
