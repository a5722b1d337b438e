/**
 * The scenario contract every target obeys ({@code shared/spec/scenario-format.md}): scripts in
 * dmsetup syntax ({@link dev.snapref.scenario.ScriptParser} into {@link
 * dev.snapref.scenario.Command}s), canonical transcripts ({@link dev.snapref.scenario.Transcript},
 * {@link dev.snapref.scenario.TranscriptStep}) and sector patterns.
 *
 * <p>Guarantees: parsing a script is total: a bad line is a {@link
 * dev.snapref.scenario.ScriptError} naming file, line and column; printing a transcript is
 * canonical (two targets that behave alike print the same bytes). Immutable values; depends on
 * nothing else of snapref.
 */
package dev.snapref.scenario;
