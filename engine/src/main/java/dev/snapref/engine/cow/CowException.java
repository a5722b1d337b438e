package dev.snapref.engine.cow;

/**
 * One committed exception in a metadata area.
 *
 * @param index    position in its area
 * @param oldChunk origin chunk
 * @param newChunk cow chunk holding the origin chunk's old data
 */
public record CowException(int index, long oldChunk, long newChunk) {
}
