/**
 * Checking a target that runs whole scripts only (the kernel in QEMU) against the model:
 * transcripts compared byte for byte ({@link dev.snapref.conformance.batch.BatchChecker}), once
 * the kernel series' known differences are applied (a script they fully explain is a known
 * difference, not a divergence; otherwise the divergence is the first difference they do not
 * explain), each divergence reduced to a signature, shrunk on the target itself in batches (one boot
 * tests many candidates), and written as a reproducer that replays on any target.
 *
 * <p>Guarantees: a script the target could not finish (a hung command) or the model cannot run
 * (out of its scope) is reported as such, never as a divergence; a shrunk reproducer still
 * diverges with the same signature on the target. Depends on targets, kernel, diff and shrink;
 * nothing in conformance depends on it but the conformance runs and campaigns that use it.
 */
package dev.snapref.conformance.batch;
