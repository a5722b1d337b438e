package dev.snapref.engine.store;

/** Receives the exceptions read from an existing store when a table is loaded. */
@FunctionalInterface
public interface ExceptionSink {
    /** Adds the completed exception old_chunk to new_chunk. */
    void add(long oldChunk, long newChunk);
}
