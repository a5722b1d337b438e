/**
 * The conformance report in four forms: HTML (with the handover phase diagram), Markdown, JSON
 * and JUnit XML, written from one {@link dev.snapref.conformance.report.ConformanceReport}; and
 * the same four for a conformance matrix of kernels
 * ({@link dev.snapref.conformance.report.KernelMatrixReport}: clause x kernel, and each
 * difference between kernels side by side with its script).
 *
 * <p>Guarantees: the four files carry the same verdict, clauses and reproducers, from one
 * report value.
 */
package dev.snapref.conformance.report;
