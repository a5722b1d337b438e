package dev.snapref.conformance.gen;

import java.util.EnumSet;
import java.util.Set;

/** The kinds of command the generator chooses among; swarm testing weighs each per seed. */
public enum CommandKind {
    CREATE_SNAPSHOT, CREATE_NOTABLE, LOAD_SNAPSHOT, LOAD_ORIGIN, BAD_TABLE, SUSPEND, RESUME, REMOVE,
    WRITE_ORIGIN, WRITE_SNAPSHOT, WRITE_DISK, READ_MAPPED, READ_DISK, STATUS, TABLE, INFO, UNKNOWN_DEVICE,
    /** A write over hundreds of chunks (bulk mode, {@link SwarmSettings#bulk()}). */
    BULK_WRITE,
    /** Remove a snapshot and create it again on its cow, so the store is read back (bulk mode). */
    RELOAD;

    /** The kinds {@link SwarmWeights#draw} weighs from the script's main stream (the historical ones). */
    static final Set<CommandKind> CLASSIC = EnumSet.range(CREATE_SNAPSHOT, UNKNOWN_DEVICE);
}
