/**
 * jcstress tests of the engine's races around handover and copy-out, one race per test, each
 * with its outcome table explained in its comment: origin writes against the handover, snapshot
 * reads against pending exceptions, suspend against in-flight I/O, two destinations loaded at
 * once, destroying a handover source, a merge against writes through the merging device and against
 * a handover of another snapshot of the origin ({@link dev.snapref.stress.MergeWorld}). {@code
 * -Dsnapref.bug=NAME} runs them on an engine with a
 * bug switch on, where FORBIDDEN outcomes are expected.
 *
 * <p>Guarantees: a FORBIDDEN outcome or a hung actor fails the run ({@code ./snapref stress}
 * exits 1), so the jcstress exit code gates CI.
 */
package dev.snapref.stress;
