/**
 * The model-guided script generator ({@link dev.snapref.conformance.gen.ScriptGenerator}): picks
 * each next command from those the model state makes interesting (handover pairs, suspends,
 * writes to chunks with exceptions), with swarm weights that vary per script.
 *
 * <p>Guarantees: deterministic for a seed; every generated script parses and runs on the model.
 */
package dev.snapref.conformance.gen;
