package dev.snapref.model;

import java.util.List;

/**
 * What mapping one piece of a write decided (snapshot_map for a snapshot, __origin_write for a
 * snapshot-origin), carried out later: its new exceptions are started with the rest of its
 * group ({@link ExceptionCompletion}), then the piece finishes ({@link CopyOnWrite#finish}).
 *
 * @param kind    what the piece does when it finishes
 * @param ref     the snapshot (null for an origin piece or a killed one)
 * @param disk    the disk written when it finishes: the origin disk or the cow
 * @param sector  the piece's first sector on its device
 * @param count   the piece's sectors
 * @param target  for REMAP and QUEUED: the cow sector the data goes to
 * @param pending for FULL and QUEUED: the exception the piece waits for
 * @param started the exceptions this piece allocated (started with its group)
 */
record WritePiece(Kind kind, SnapRef ref, String disk, long sector, long count, long target,
                  PendingException pending, List<PendingException> started) {
    /** The five ways a piece ends. */
    enum Kind {
        /** DM_MAPIO_KILL: fails with EIO. */
        KILL,
        /** An origin write: goes to the origin disk once its copies completed (whatever their outcome). */
        ORIGIN,
        /** A snapshot write to a chunk with an exception: goes to the cow. */
        REMAP,
        /** A snapshot write covering a new exception's whole chunk: it was the copy; fails with the exception. */
        FULL,
        /** A snapshot write to part of a new exception's chunk: goes to the cow once the exception succeeded. */
        QUEUED
    }

    static WritePiece kill() {
        return new WritePiece(Kind.KILL, null, null, 0, 0, 0, null, List.of());
    }
}
