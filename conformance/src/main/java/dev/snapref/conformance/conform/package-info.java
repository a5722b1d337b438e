/**
 * A conformance run of a target against the spec ({@code snapref conform}): the scenario corpus,
 * scripts from the explorer's state graph, a timed fuzz campaign and, for the engine, the fault
 * modes, every step counted against the clause catalogue ({@link dev.snapref.conformance.conform.ClauseEvidence}).
 *
 * <p>Guarantee (issue 12): {@link dev.snapref.conformance.conform.ConformanceRun#run} never ends
 * with a throwable of the code under test. Each phase ({@code corpus}, {@code explorer},
 * {@code fuzz}, {@code crash}, {@code faults}, {@code corrupt-images}; {@code batch} for a target
 * that cannot step) runs under one {@link dev.snapref.conformance.guard.PhaseGuard}, each corpus
 * and explorer script under its own guard, and the campaigns guard each of their scripts: a
 * throwable fails the phase's clause (GEN-1, or CRS-1, FLT-1, CIM-1 for the fault modes) with a
 * crash reproducer, and the run goes on. A fatal error fails its phase and skips the rest; an
 * interruption ends the run ({@link dev.snapref.conformance.guard.Severity}). The fault-mode
 * campaigns are a seam ({@link dev.snapref.conformance.conform.FaultModeCampaigns}) so tests can
 * plant throwing ones. There is no concurrency phase: the races are {@code snapref stress}'s.
 *
 * <p>For the kernel, which runs whole scripts only, {@link dev.snapref.conformance.conform.KernelConformance}
 * runs corpus, explorer and generated scripts in one batch per kernel against the model, and
 * {@link dev.snapref.conformance.conform.KernelMatrix} does so for several kernels and lists every
 * script whose transcripts differ between them; a script a kernel did not finish is listed as
 * unfinished, never as a failure.
 */
package dev.snapref.conformance.conform;
