/**
 * The conformance run behind {@code snapref conform}: the corpus (kernel recordings and goldens,
 * {@link dev.snapref.conformance.conform.Corpus}), scripts from the explorer's state graph,
 * time-boxed differential fuzzing and the fault modes, each phase's evidence gathered per clause
 * ({@link dev.snapref.conformance.conform.ClauseEvidence}) into one report.
 *
 * <p>Guarantees: a failing clause carries a reproducer; the verdict is PASS only if no clause
 * fails.
 */
package dev.snapref.conformance.conform;
