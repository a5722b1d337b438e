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
 * <p>What feeds the report's failure blocks (issue 17): every failure of a corpus or explorer
 * script gets a shrunk reproducer in {@code OUT/reproducers/} ({@link dev.snapref.conformance.conform.ScriptReproducers};
 * the engine against a kernel recording, or a batch target against the model: the script and both
 * transcripts), and at the end every failure line that names a reproducer file — the fuzz
 * campaign's, the phase guards' crash reproducers, the fault modes' — is read back
 * ({@link dev.snapref.conformance.conform.FailureExplainer}): inline script, replay command, the
 * facts of its header; and when its phase is a checked one, re-run once
 * ({@link dev.snapref.conformance.conform.StepReplay}) for the failing step, both transcripts and
 * both abstract states ({@link dev.snapref.conformance.conform.AbstractStateText}). Re-runs count
 * as no evidence, are bounded in number and time, and stop after a fatal error.
 *
 * <p>For the kernel, which runs whole scripts only, {@link dev.snapref.conformance.conform.KernelConformance}
 * runs corpus, explorer and generated scripts in one batch per kernel against the model, and
 * {@link dev.snapref.conformance.conform.KernelMatrix} does so for several kernels and lists every
 * script whose transcripts differ between them; a script a kernel did not finish is listed as
 * unfinished, never as a failure.
 */
package dev.snapref.conformance.conform;
