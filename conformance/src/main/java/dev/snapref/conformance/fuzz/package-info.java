/**
 * Differential fuzzing of a candidate against the model: seeded script generation, shards,
 * campaigns with shrinking ({@link dev.snapref.conformance.fuzz.FuzzCampaign}), reproducers and
 * summaries that merge.
 * Against the kernel ({@link dev.snapref.conformance.fuzz.KernelFuzzCampaign}) the same scripts
 * run in batches and are compared as whole transcripts; divergences shrink on the kernel.
 *
 * <p>A campaign never ends with a throwable of the code under test: the checker reports a target
 * that throws as a CRASH failure (its reproducer naming the exception's class, message and top
 * engine frames), and anything else that throws for one script (generation, shrink, reproducer)
 * is recorded as that script's crash with a crash reproducer
 * ({@link dev.snapref.conformance.guard.PhaseGuard#record}) while the campaign goes on.
 */
package dev.snapref.conformance.fuzz;
