/**
 * Differential fuzz campaigns ({@code snapref fuzz}): model-guided scripts from the generator run
 * through the checker; a failure is shrunk and written as a replayable reproducer; campaigns are
 * deterministic for a seed and a script count and split into shards whose summaries merge.
 * Against the kernel ({@link dev.snapref.conformance.fuzz.KernelFuzzCampaign}) the same scripts
 * run in batches and are compared as whole transcripts; divergences shrink on the kernel.
 *
 * <p>Guarantees: the same seed, count and shard give the same scripts on every machine; a
 * reproducer's header names what is needed to replay it (targets, bug switch, mode).
 */
package dev.snapref.conformance.fuzz;
