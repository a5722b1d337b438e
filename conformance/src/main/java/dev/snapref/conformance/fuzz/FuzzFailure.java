package dev.snapref.conformance.fuzz;

import java.nio.file.Path;

/**
 * A failure a campaign found, after shrinking.
 *
 * @param scriptIndex   the campaign's script index (reproducible from the campaign seed)
 * @param seed          the script's own seed
 * @param signature     kind and key of the failure
 * @param clause        the id of the clause it breaks
 * @param originalSteps commands in the generated script
 * @param shrunkSteps   commands in the shrunk reproducer
 * @param reproducer    the shrunk script's file, if an output folder was given and it could be written
 * @param note          what else a report says: the exception of a CRASH ({@code CLASS: MESSAGE}), a shrink
 *                      that threw, a reproducer that could not be written; "" when nothing
 */
public record FuzzFailure(long scriptIndex, long seed, String signature, String clause, int originalSteps,
                          int shrunkSteps, Path reproducer, String note) {
}
