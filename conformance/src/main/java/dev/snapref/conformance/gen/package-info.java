/**
 * The model-guided script generator ({@link dev.snapref.conformance.gen.ScriptGenerator}): picks
 * each next command from those the model state makes interesting (handover pairs, suspends,
 * writes to chunks with exceptions), with swarm weights that vary per script, and per-seed swarm
 * settings ({@link dev.snapref.conformance.gen.SwarmSettings}, issue 14) drawn from a stream of
 * their own: device and cow sizes that are no multiple of the chunk size, chunk sizes from 1 to
 * 512 sectors, feature arguments, and a bulk mode ({@code BulkCommands}) whose writes fill one or
 * two metadata areas and part of another and whose reloads read the partly filled store back.
 * {@link dev.snapref.conformance.gen.GeneratorConfig#classic} (and the two-argument constructor)
 * keeps the historical scripts.
 *
 * <p>Guarantees: deterministic for a seed; every generated script parses and runs on the model.
 */
package dev.snapref.conformance.gen;
