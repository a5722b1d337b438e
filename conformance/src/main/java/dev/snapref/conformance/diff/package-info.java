/**
 * Transcript comparison between targets ({@code snapref diff}): the first divergence as a unified
 * line diff with the script line that caused it.
 *
 * <p>Guarantees: pure functions over canonical transcripts; depends on nothing else of
 * conformance.
 */
package dev.snapref.conformance.diff;
