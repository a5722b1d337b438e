/**
 * The conformance run behind {@code snapref conform}: the corpus (kernel recordings and goldens,
 * {@link dev.snapref.conformance.conform.Corpus}), scripts from the explorer's state graph,
 * time-boxed differential fuzzing and the fault modes, each phase's evidence gathered per clause
 * ({@link dev.snapref.conformance.conform.ClauseEvidence}) into one report. For the kernel,
 * which runs whole scripts only, {@link dev.snapref.conformance.conform.KernelConformance} runs
 * corpus, explorer and generated scripts in one batch per kernel against the model, and
 * {@link dev.snapref.conformance.conform.KernelMatrix} does so for several kernels and lists
 * every script whose transcripts differ between them.
 *
 * <p>Guarantees: a failing clause carries a reproducer; the verdict is PASS only if no clause
 * fails; a script a kernel did not finish is listed as unfinished, never as a failure.
 */
package dev.snapref.conformance.conform;
