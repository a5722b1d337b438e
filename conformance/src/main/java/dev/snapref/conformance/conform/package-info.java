/**
 * A conformance run of a target against the spec ({@code snapref conform}): the scenario corpus,
 * scripts from the explorer's state graph, a timed fuzz campaign and, for the engine, the fault
 * modes, every step counted against the clause catalogue ({@link dev.snapref.conformance.conform.ClauseEvidence}).
 *
 * <p>Guarantee (issue 12): {@link dev.snapref.conformance.conform.ConformanceRun#run} never ends
 * with a throwable of the code under test. Each phase ({@code corpus}, {@code explorer},
 * {@code fuzz}, {@code races}, {@code crash}, {@code faults}, {@code corrupt-images}; {@code batch} for a target
 * that cannot step) runs under one {@link dev.snapref.conformance.guard.PhaseGuard}, each corpus
 * and explorer script under its own guard, and the campaigns guard each of their scripts: a
 * throwable fails the phase's clause (GEN-1, or CRS-1, FLT-1, CIM-1 for the fault modes, RACE-1 for races) with a
 * crash reproducer, and the run goes on. A fatal error fails its phase and skips the rest; an
 * interruption ends the run ({@link dev.snapref.conformance.guard.Severity}). The fault-mode
 * campaigns are a seam ({@link dev.snapref.conformance.conform.FaultModeCampaigns}) so tests can
 * plant throwing ones. For the engine, the
 * deterministic concurrency phase {@code races} ({@link dev.snapref.conformance.conform.RacePhase},
 * package {@code race}) runs after fuzzing under its own guard and fails RACE-1; the jcstress
 * races ({@code snapref stress}) still run real threads on real cores.
 */
package dev.snapref.conformance.conform;
