package dev.snapref.conformance.gen;

/** The kinds of command the generator chooses among; swarm testing weighs each per seed. */
public enum CommandKind {
    CREATE_SNAPSHOT, CREATE_NOTABLE, LOAD_SNAPSHOT, LOAD_ORIGIN, BAD_TABLE, SUSPEND, RESUME, REMOVE,
    WRITE_ORIGIN, WRITE_SNAPSHOT, WRITE_DISK, READ_MAPPED, READ_DISK, STATUS, TABLE, INFO, UNKNOWN_DEVICE
}
