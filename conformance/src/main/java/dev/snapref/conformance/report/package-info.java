/**
 * The conformance report ({@link dev.snapref.conformance.report.ConformanceReport}) and its four
 * renderings: {@code index.html}, {@code report.md}, {@code junit.xml}, {@code report.json}; and the
 * same four for a conformance matrix of kernels ({@link dev.snapref.conformance.report.KernelMatrixReport}:
 * clause x kernel, and each difference between kernels side by side with its script).
 *
 * <p>{@link dev.snapref.conformance.report.ReportFiles} writes all four: a renderer that throws
 * does not stop the others, its file gets a plain rendering that names the problem and never
 * passes ({@link dev.snapref.conformance.report.FallbackReport}), and the problem is returned so
 * the command exits 1. The renderers themselves are pure functions of the report.
 */
package dev.snapref.conformance.report;
